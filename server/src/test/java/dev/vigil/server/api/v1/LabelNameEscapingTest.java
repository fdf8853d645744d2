package dev.vigil.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelNameEscapingTest {

  @Test
  void decodesCodePointsAndDoubledUnderscores() {
    assertThat(LabelNameEscaping.unescape("U__host_2e_name")).isEqualTo("host.name");
    assertThat(LabelNameEscaping.unescape("U__my__label")).isEqualTo("my_label");
    assertThat(LabelNameEscaping.unescape("U___1f525_")).isEqualTo("\uD83D\uDD25");
  }

  @Test
  void leavesMalformedEscapesAsGiven() {
    assertThat(LabelNameEscaping.unescape("U__trailing_")).isEqualTo("U__trailing_");
    assertThat(LabelNameEscaping.unescape("U__bad_zz_")).isEqualTo("U__bad_zz_");
    assertThat(LabelNameEscaping.unescape("U__toolong_1234567_")).isEqualTo("U__toolong_1234567_");
    assertThat(LabelNameEscaping.unescape("U__surrogate_d800_")).isEqualTo("U__surrogate_d800_");
  }

  @Test
  void leavesUnprefixedNamesAlone() {
    assertThat(LabelNameEscaping.unescape("job")).isEqualTo("job");
  }
}
