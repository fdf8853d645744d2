package dev.vigil.server.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoQuoteTest {

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(GoQuote.quote("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\x01\"");
  }

  @Test
  void keepsPrintableUnicode() {
    assertThat(GoQuote.quote("grüße ✓")).isEqualTo("\"grüße ✓\"");
  }

  @Test
  void showsInvalidUtf8BytesAsHexEscapes() {
    assertThat(GoQuote.quote(new byte[] {(byte) 0xff})).isEqualTo("\"\\xff\"");
    assertThat(GoQuote.quote(new byte[] {'a', (byte) 0xc3, (byte) 0xa9, (byte) 0xc3}))
        .isEqualTo("\"aé\\xc3\"");
  }

  @Test
  void validatesUtf8Strictly() {
    assertThat(Utf8.isValid("ok é ✓ 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xc0, (byte) 0x80})).as("overlong NUL").isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}))
        .as("surrogate")
        .isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xe2, (byte) 0x9c})).as("truncated").isFalse();
  }
}
