package dev.vigil.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiValuesTest {

  // As Prometheus's JSON encoder writes sample values: Go's 'f' format, or 'e' below 1e-6 and
  // from 1e21 on.
  @ParameterizedTest(name = "{0} -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1                       | 1
          0.1                     | 0.1
          -0.0                    | -0
          0                       | 0
          1e-6                    | 0.000001
          1e-7                    | 1e-07
          5e-324                  | 5e-324
          123456789012345680000   | 123456789012345680000
          1e21                    | 1e+21
          1e23                    | 1e+23
          1.7976931348623157e308  | 1.7976931348623157e+308
          NaN                     | NaN
          Infinity                | +Inf
          -Infinity               | -Inf
          0.30000000000000004     | 0.30000000000000004
          """)
  void formatsSampleValuesAsPrometheusDoes(double value, String expected) {
    assertThat(ApiValues.sampleValue(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1435781451781  | 1435781451.781
          1435781451000  | 1435781451
          1500           | 1.500
          1050           | 1.050
          1005           | 1.005
          0              | 0
          -1500          | -1.500
          """)
  void formatsTimestampsAsSecondsWithMillisecondPrecision(long millis, String expected) {
    assertThat(ApiValues.timestamp(millis)).isEqualTo(expected);
  }
}
