package dev.vigil.server.promql.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code metric@st} lines of promqltest load blocks: the offsets and the errors naming a line. */
class StartTimestampLoadTest {

  @Test
  void expandsOffsetSequencesLikeValueSequences() {
    assertThat(StartTimestampSequence.parse("_ _x2 -30s-1mx2 0 +1m 1ms 5sx1"))
        .containsExactly(
            null, null, null, -30_000L, -90_000L, -150_000L, 0L, 60_000L, 1L, 5000L, 5000L);
    assertThat(StartTimestampSequence.parse("-59999msx1 -0ms"))
        .containsExactly(-59_999L, -59_999L, 0L);
  }

  @Test
  void rejectsMalformedOffsetNamingTheItem() {
    assertThatThrownBy(() -> StartTimestampSequence.parse("-1m -1y2"))
        .hasMessageContaining("invalid ST item \"-1y2\"");
    assertThatThrownBy(() -> StartTimestampSequence.parse("_x0"))
        .hasMessageContaining("invalid repeat count");
    assertThatThrownBy(() -> StartTimestampSequence.parse("1m+"))
        .hasMessageContaining("expected digits");
  }

  @Test
  void givesTheNextSeriesLineItsStartTimestamps() {
    Script s = ScriptParser.parse("t.test", "load 1m\n  x@st _ -1m\n  x 1 2\n");

    Script.SeriesLine line = ((Script.Load) s.commands().get(0)).series().get(0);
    assertThat(line.values()).containsExactly(1.0, 2.0);
    assertThat(line.startTimestamp(0, 0)).isZero();
    assertThat(line.startTimestamp(1, 60_000)).isZero();
    assertThat(line.startTimestamp(1, 120_000)).isEqualTo(60_000);
  }

  @Test
  void rejectsStartTimestampsForAnotherSeriesAtTheStLine() {
    assertThatThrownBy(() -> parse("load 1m", "  x@st -1m", "  y 1"))
        .hasMessage("t.test:2: @st metric does not match the following sample line metric");
  }

  @Test
  void rejectsStartTimestampsWithoutSampleLine() {
    assertThatThrownBy(() -> parse("load 1m", "  x 1", "  x@st -1m"))
        .hasMessage("t.test:3: @st line has no following sample line");
    assertThatThrownBy(() -> parse("load 1m", "  x@st -1m", "  y@st -1m", "  y 1"))
        .hasMessage("t.test:2: @st line has no following sample line");
  }

  @Test
  void rejectsStartTimestampCountDifferentFromSampleCount() {
    assertThatThrownBy(() -> parse("load 1m", "  x@st -1m -1m", "  x 1"))
        .hasMessage("t.test:2: @st line has 2 values but sample line has 1");
  }

  @Test
  void rejectsBadOffsetAtItsLine() {
    assertThatThrownBy(() -> parse("load 1m", "  x 1", "  x@st nope"))
        .hasMessageStartingWith("t.test:3: invalid @st sequence: invalid ST item \"nope\"");
  }

  private static Script parse(String... lines) {
    return ScriptParser.parse("t.test", String.join("\n", Arrays.asList(lines)) + "\n");
  }
}
