package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcNumbersTest {

  @Test
  void readsUnsigned64BitCountersAboveLongMax() {
    assertThat(ProcNumbers.integer("18446744073709551615")).isEqualTo(1.8446744073709552E19);
  }

  @Test
  void readsNegativeIntegers() {
    assertThat(ProcNumbers.integer("-1")).isEqualTo(-1.0);
  }

  @Test
  void rejectsWordsAsDecimals() {
    assertThatThrownBy(() -> ProcNumbers.decimal("NaN")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> ProcNumbers.decimal("Infinity"))
        .isInstanceOf(NumberFormatException.class);
  }

  @Test
  void readsSysfsHexOctalAndDecimal() {
    assertThat(ProcNumbers.sysfsInteger("0x1003")).isEqualTo(4099);
    assertThat(ProcNumbers.sysfsInteger("0x0")).isZero();
    assertThat(ProcNumbers.sysfsInteger("010")).isEqualTo(8);
    assertThat(ProcNumbers.sysfsInteger("0")).isZero();
    assertThat(ProcNumbers.sysfsInteger("-1")).isEqualTo(-1);
    assertThat(ProcNumbers.sysfsInteger("1400\n")).isEqualTo(1400);
  }

  @Test
  void readsAnIntegerInsideALineLikeTheSameIntegerAlone() {
    String line = "Tcp: -3 18446744073709551615 +7 12";

    assertThat(ProcNumbers.integer(line, 5, 7)).isEqualTo(ProcNumbers.integer("-3"));
    assertThat(ProcNumbers.integer(line, 8, 28))
        .isEqualTo(ProcNumbers.integer("18446744073709551615"));
    assertThat(ProcNumbers.integer(line, 29, 31)).isEqualTo(ProcNumbers.integer("+7"));
    assertThatThrownBy(() -> ProcNumbers.integer(line, 0, 4))
        .isInstanceOf(NumberFormatException.class);
  }
}
