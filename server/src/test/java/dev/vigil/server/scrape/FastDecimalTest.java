package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.format.GoFloat;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FastDecimalTest {

  private static long parse(String s) {
    byte[] b = ("  " + s + " ").getBytes(StandardCharsets.ISO_8859_1);
    return FastDecimal.parseBits(b, 2, b.length - 1); // a range inside a larger buffer
  }

  /** Bit for bit what Double.parseDouble gives, for every decimal spelling Go's syntax allows. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0", "-0", "+0", "0.0", "-0.0", "-0e5", "0e-400", "0e99999999", "00012", "1", "-1", "+7",
        "1.", ".5", "-.5", "1e0", "1E+2", "1e-2", "1.5e3", "123456789", "1234567",
        // 0.1-style fractions that binary cannot hold
        "0.1", "0.2", "0.3", "0.7", "1.1", "2.675", "0.1e1", "100.01",
        // the fast path's edges: 2^53 - 1, 2^53, 2^53 + 1, 10^22, 10^23, 10^-22, 10^-23
        "9007199254740991", "9007199254740992", "9007199254740993", "1e22", "1e23", "1e-22",
        "1e-23", "9007199254740991e22", "9007199254740991e-22", "4.35679e-22",
        // long mantissas: 17 digits (typical random gauges), 19 and more, with trailing zeros
        "76.49005193442345", "0.12345678901234568", "12345678901234567", "1234567890123456789",
        "12345678901234567890123", "0.30000000000000004", "1.00000000000000000000000001",
        "100000000000000000000000", "2.2250738585072011e-308", "2.2250738585072012e-308",
        "4.9e-324", "2.4703282292062328e-324", "1.7976931348623157e308", "1e-400",
        "123456.789e-3", "1e+000022", "0.000001", "1e-5", "3.0e10", "12345678e-30",
        // mantissas from 2^53 to 18 digits, rounded from integer arithmetic; ties to even
        "9007199254740995", "9007199254740997", "18014398509481983", "18014398509481985",
        "4503599627370497.5", "4503599627370498.5", "999999999999999999", "999999999999999999e22",
        "999999999999999999e-22", "123456789012345678e-1", "98765432109876543e3",
        "72057594037927937", "144115188075855873e-17"
      })
  void givesExactlyWhatParseDoubleGives(String text) {
    long bits = parse(text);

    assertThat(bits).isNotEqualTo(FastDecimal.FAIL);
    assertThat(bits).as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
  }

  /**
   * NaN and Inf spellings, Go-invalid forms that Java would accept, and overflow go to the general
   * parser (GoFloat), which knows them or words the error.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "NaN", "nan", "+Inf", "-Inf", "Inf", "inf", "infinity", "", "+", "-", ".", "e5", "1e",
        "1e+", "1.2.3", "1_000", "0x10", "0x1p3", "1d", "1f", "1,5", "--1", "+-1", "1 2", "1e309",
        "-1e309", "1.7976931348623159e308", "Infinity", "١"
      })
  void declinesWhatIsNotAFiniteGoDecimal(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);

    assertThat(FastDecimal.parseBits(b, 0, b.length)).as(text).isEqualTo(FastDecimal.FAIL);
  }

  @Test
  void agreesWithTheGeneralParserOnRandomDecimals() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      String text = randomDecimal(random);
      long expected = Double.doubleToRawLongBits(GoFloat.parse(text));

      assertThat(parse(text)).as(text).isEqualTo(expected);
    }
  }

  @Test
  void agreesWithParseDoubleOnLongMantissasAtEveryFastPowerOfTen() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 300_000; i++) {
      // 16 to 18 digits, from just below 2^53 to 10^18, times 10^-22 .. 10^22
      long mantissa = random.nextLong(1_000_000_000_000_000L, 1_000_000_000_000_000_000L);
      if (random.nextBoolean()) {
        mantissa /= random.nextInt(1, 200);
      }
      String text = mantissa + "e" + random.nextInt(-22, 23);

      assertThat(parse(text))
          .as(text)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
  }

  private static String randomDecimal(SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0:
        return Double.toString(r.nextDouble() * Math.pow(10, r.nextInt(-30, 30)));
      case 1:
        return Long.toString(r.nextLong(-(1L << 60), 1L << 60));
      case 2:
        return String.valueOf(r.nextDouble() * 1000);
      default:
        StringBuilder sb = new StringBuilder();
        if (r.nextBoolean()) {
          sb.append(r.nextBoolean() ? '-' : '+');
        }
        int intDigits = r.nextInt(0, 12);
        for (int i = 0; i < intDigits; i++) {
          sb.append((char) ('0' + r.nextInt(10)));
        }
        sb.append('.');
        int fracDigits = r.nextInt(intDigits == 0 ? 1 : 0, 22);
        for (int i = 0; i < fracDigits; i++) {
          sb.append((char) ('0' + r.nextInt(10)));
        }
        if (r.nextInt(3) == 0) {
          sb.append('e').append(r.nextInt(-40, 40));
        }
        return sb.toString();
    }
  }
}
