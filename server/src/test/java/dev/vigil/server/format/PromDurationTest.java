package dev.vigil.server.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromDurationTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0          | 0
          0s         | 0
          500ms      | 500
          15s        | 15000
          1m         | 60000
          1h30m      | 5400000
          1d         | 86400000
          1w         | 604800000
          1y         | 31536000000
          1y2w3d4h5m6s7ms | 33019506007
          90m        | 5400000
          """)
  void parsesPrometheusDurations(String text, long millis) {
    assertThat(PromDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "rejects \"{0}\"")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''        | empty duration string
          1x        | not a valid duration string: "1x"
          15        | not a valid duration string: "15"
          1.5h      | not a valid duration string: "1.5h"
          30s1m     | not a valid duration string: "30s1m"
          1h1h      | not a valid duration string: "1h1h"
          -5m       | not a valid duration string: "-5m"
          ' 5m'     | not a valid duration string: " 5m"
          99999999999999999999y | duration out of range
          300000y   | duration out of range
          """)
  void rejectsInvalidDurationsWithPrometheusWording(String text, String message) {
    assertThatThrownBy(() -> PromDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            message + (message.startsWith("duration out of range") ? ": \"" + text + "\"" : ""));
  }

  @ParameterizedTest(name = "{0} ms prints as {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0            | 0s
          500          | 500ms
          15000        | 15s
          5400000      | 1h30m
          86400000     | 1d
          604800000    | 1w
          694800000    | 1w1d1h
          31536000000  | 1y
          """)
  void formatsAsPrometheusPrintsDurations(long millis, String expected) {
    assertThat(PromDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
  }
}
