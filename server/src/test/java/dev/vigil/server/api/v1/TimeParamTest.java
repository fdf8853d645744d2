package dev.vigil.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeParamTest {

  @ParameterizedTest(name = "{0} -> {1} ms")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1435781451.781                  | 1435781451781
          1435781451                      | 1435781451000
          1.9996                          | 2000
          -1.5                            | -1500
          1e3                             | 1000000
          2015-07-01T20:10:51.781Z        | 1435781451781
          2015-07-01T22:10:51.781+02:00   | 1435781451781
          2015-07-01T20:10:51.781123456Z  | 1435781451781
          2015-07-01T20:10:51Z            | 1435781451000
          """)
  void parsesUnixSecondsAndRfc3339(String text, long millis) throws Exception {
    assertThat(TimeParam.parse("time", text)).isEqualTo(millis);
  }

  @ParameterizedTest(name = "rejects {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          abc
          NaN
          +Inf
          2015-07-01
          2015-07-01 20:10:51Z
          ''
          """)
  void rejectsAnythingElseWithPrometheusMessage(String text) {
    assertThatThrownBy(() -> TimeParam.parse("time", text))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ApiErrorType.BAD_DATA);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "invalid parameter \"time\": cannot parse \""
                          + text
                          + "\" to a valid timestamp");
            });
  }
}
