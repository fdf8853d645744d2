package dev.vigil.server.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

  @Test
  void readsUnitsAsPowersOf1024() {
    assertThat(ByteSize.parse("512B")).isEqualTo(512);
    assertThat(ByteSize.parse("1KB")).isEqualTo(1024);
    assertThat(ByteSize.parse("512MB")).isEqualTo(512L << 20);
    assertThat(ByteSize.parse("3gb")).isEqualTo(3L << 30);
    assertThat(ByteSize.parse("2TB")).isEqualTo(2L << 40);
    assertThat(ByteSize.parse("1EB")).isEqualTo(1L << 60);
  }

  @Test
  void rejectsAMissingUnitNamingTheValidOnes() {
    assertThatThrownBy(() -> ByteSize.parse("100"))
        .hasMessage("invalid size \"100\": missing unit, expected one of B, KB, MB, GB, TB, PB, EB");
  }

  @Test
  void rejectsFractionsAndSigns() {
    assertThatThrownBy(() -> ByteSize.parse("1.5GB")).hasMessageContaining("\"1.5GB\"");
    assertThatThrownBy(() -> ByteSize.parse("-1GB")).hasMessageContaining("\"-1GB\"");
    assertThatThrownBy(() -> ByteSize.parse("MB")).hasMessageContaining("\"MB\"");
  }

  @Test
  void rejectsSizesBeyondALong() {
    assertThatThrownBy(() -> ByteSize.parse("8EB")).hasMessageContaining("more than 8 EiB");
    assertThatThrownBy(() -> ByteSize.parse("99999999999999999999B"))
        .hasMessageContaining("too large");
  }
}
