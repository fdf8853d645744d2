package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcLinesTest {

  private static List<String> lines(String text) {
    List<String> seen = new ArrayList<>();
    ProcLines.forEach(
        text, (start, end, line) -> seen.add(line + ":" + text.substring(start, end)));
    return seen;
  }

  @Test
  void numbersLinesFromOneAndKeepsBlankOnes() {
    assertThat(lines("a 1\n\nb 2\n")).containsExactly("1:a 1", "2:", "3:b 2");
  }

  @Test
  void countsALastLineWithoutNewline() {
    assertThat(lines("a 1\nb 2")).containsExactly("1:a 1", "2:b 2");
  }

  @Test
  void visitsNothingInEmptyText() {
    assertThat(lines("")).isEmpty();
  }
}
