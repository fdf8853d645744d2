package dev.vigil.server.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelMatcherTest {

  @ParameterizedTest(name = "{0}{1}\"{2}\" on \"{3}\" -> {4}")
  @CsvSource(
      delimiter = ';',
      value = {
        "EQUAL     ; job ; api    ; api     ; true",
        "EQUAL     ; job ; api    ; ''      ; false",
        "NOT_EQUAL ; job ; api    ; web     ; true",
        "REGEX     ; job ; ap.*   ; api     ; true",
        "REGEX     ; job ; p      ; api     ; false", // fully anchored, not a substring search
        "REGEX     ; job ; a|b    ; b       ; true",
        "REGEX     ; job ; .*     ; ''      ; true",
        "REGEX     ; job ; a.c    ; 'a\nc'  ; true", // . matches newline, as in Prometheus
        "NOT_REGEX ; job ; ap.*   ; api     ; false",
        "NOT_REGEX ; job ; ap.*   ; ''      ; true",
      })
  void matchesLikePrometheus(LabelMatcher.Type type, String name, String value, String input, boolean expected) {
    assertThat(LabelMatcher.of(type, name, value.replace("\\n", "\n")).matches(input.replace("\\n", "\n")))
        .isEqualTo(expected);
  }

  @Test
  void absentLabelMatchesAsTheEmptyString() {
    Labels labels = Labels.of("__name__", "up");
    assertThat(LabelMatcher.of(LabelMatcher.Type.EQUAL, "job", "").matches(labels)).isTrue();
    assertThat(LabelMatcher.of(LabelMatcher.Type.REGEX, "job", ".+").matches(labels)).isFalse();
  }

  @Test
  void rejectsARegexThatOnlyCompilesOnceWrapped() {
    assertThatThrownBy(() -> LabelMatcher.of(LabelMatcher.Type.REGEX, "job", "a)|(b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid regular expression");
  }

  @Test
  void rejectsPerlOnlySyntaxBecauseRegexesAreRe2() {
    assertThatThrownBy(() -> LabelMatcher.of(LabelMatcher.Type.REGEX, "job", "(a)\\1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
