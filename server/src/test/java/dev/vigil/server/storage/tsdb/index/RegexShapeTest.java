package dev.vigil.server.storage.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.LabelMatcher;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast paths must accept exactly what RE2 accepts, for every regex they claim to handle. */
class RegexShapeTest {

  private static final List<String> VALUES =
      List.of(
          "", "a", "b", "ab", "abc", "a.b", "a|b", "api_v1", "api_", "ap", "x\ny", "a*", "\\", "é",
          ".");

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".*", ".+", "a", "a|b", "a|b|", "|a", "api_.*", "a\\.b", "a\\|b", "a\\*", "\\\\", "",
        "a\\.*", "a.*b", "a|b.*", "(a|b)", "[ab]", "a+", "\\d", "a\\\\.*", "é|.", "\\.",
      })
  void agreesWithTheRegexEngine(String regex) {
    LabelMatcher m = LabelMatcher.of(LabelMatcher.Type.REGEX, "l", regex);
    RegexShape shape = RegexShape.of(regex);
    if (shape == null) {
      return; // handled by RE2 itself
    }
    for (String v : VALUES) {
      assertThat(shape.matches(v)).as("%s against %s", regex, v).isEqualTo(m.matches(v));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a|b", "api_.*", ".*", ".+", "a\\.b", ""})
  void recognisesCommonSelectorShapes(String regex) {
    assertThat(RegexShape.of(regex)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.*b", "(a|b)", "[ab]", "a+", "\\d", "a|b.*", "(?i)a"})
  void leavesEverythingElseToTheRegexEngine(String regex) {
    assertThat(RegexShape.of(regex)).isNull();
  }
}
