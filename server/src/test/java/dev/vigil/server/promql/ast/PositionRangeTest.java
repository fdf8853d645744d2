package dev.vigil.server.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Prometheus's {@code line:col} positions: 1-based, columns in UTF-8 bytes. */
class PositionRangeTest {

  @Test
  void countsLinesAndByteColumns() {
    String q = "sum(\n  fooä + bar)";
    assertThat(new PositionRange(0, 1).lineColumn(q)).isEqualTo("1:1");
    assertThat(new PositionRange(5, 6).lineColumn(q)).isEqualTo("2:1");
    // "ä" is two bytes, so "+" (char 12) sits at byte column 9 of line 2.
    assertThat(new PositionRange(12, 13).lineColumn(q)).isEqualTo("2:9");
  }

  @Test
  void reportsPositionsOutsideTheQuery() {
    assertThat(new PositionRange(0, 0).lineColumn("")).isEqualTo("unknown position");
    assertThat(new PositionRange(5, 6).lineColumn("abc")).isEqualTo("invalid position");
    assertThat(new PositionRange(3, 3).lineColumn("abc")).isEqualTo("1:4");
  }
}
