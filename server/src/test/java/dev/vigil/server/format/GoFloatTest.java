package dev.vigil.server.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {

  // Expected strings are what Go's strconv.FormatFloat(v, fmt, -1, 64) prints.
  @ParameterizedTest(name = "FormatFloat({0}, ''f'', -1, 64) = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0                      | 0
          -0.0                   | -0
          1                      | 1
          -1                     | -1
          0.1                    | 0.1
          100                    | 100
          1.5                    | 1.5
          0.30000000000000004    | 0.30000000000000004
          123456789.123          | 123456789.123
          2.5e-5                 | 0.000025
          1e-7                   | 0.0000001
          1e21                   | 1000000000000000000000
          1e23                   | 100000000000000000000000
          2e23                   | 200000000000000000000000
          NaN                    | NaN
          Infinity               | +Inf
          -Infinity              | -Inf
          """)
  void formatsPlainNotationWithShortestDigits(double value, String expected) {
    assertThat(GoFloat.formatF(value)).isEqualTo(expected);
  }

  @Test
  void formatsExtremesInPlainNotation() {
    assertThat(GoFloat.formatF(5e-324)).isEqualTo("0." + "0".repeat(323) + "5");
    assertThat(GoFloat.formatF(1.7976931348623157e308))
        .isEqualTo("17976931348623157" + "0".repeat(292));
  }

  @ParameterizedTest(name = "FormatFloat({0}, ''e'', -1, 64) = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0                         | 0e+00
          1                         | 1e+00
          123456                    | 1.23456e+05
          1e21                      | 1e+21
          1e-7                      | 1e-07
          5e-324                    | 5e-324
          1.7976931348623157e308    | 1.7976931348623157e+308
          -2.5e-100                 | -2.5e-100
          """)
  void formatsExponentNotationWithAtLeastTwoExponentDigits(double value, String expected) {
    assertThat(GoFloat.formatE(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "FormatFloat({0}, ''g'', -1, 64) = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0          | 0
          1          | 1
          1.5        | 1.5
          100        | 100
          123456     | 123456
          1e6        | 1e+06
          1234567    | 1.234567e+06
          0.0001     | 0.0001
          0.00001    | 1e-05
          """)
  void formatsGeneralNotationSwitchingAtExponentSix(double value, String expected) {
    assertThat(GoFloat.formatG(value)).isEqualTo(expected);
  }

  @Test
  void findsShorterDigitsThanJava17DoubleToString() {
    // Java 17 prints these with one digit too many (JDK-4511638); Go and Prometheus do not.
    assertThat(Double.toString(1e23)).isEqualTo("9.999999999999999E22");
    assertThat(GoFloat.formatE(1e23)).isEqualTo("1e+23");
    assertThat(Double.toString(2e23)).isEqualTo("1.9999999999999998E23");
    assertThat(GoFloat.formatE(2e23)).isEqualTo("2e+23");
    assertThat(GoFloat.formatE(1.80544536094166733E18)).isEqualTo("1.8054453609416673e+18");
  }

  @Test
  void shortestDigitsAlwaysParseBackToTheSameDouble() {
    Random random = new Random(20240101);
    for (int i = 0; i < 5_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d)) {
        continue;
      }
      assertThat(Double.parseDouble(GoFloat.formatE(d).replace("Inf", "Infinity")))
          .as("round trip of %s", d)
          .isEqualTo(d);
    }
  }

  @ParameterizedTest(name = "parse({0}) = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1             | 1.0
          -1.5e3        | -1500.0
          .5            | 0.5
          5.            | 5.0
          +7            | 7.0
          1E-2          | 0.01
          Inf           | Infinity
          +Inf          | Infinity
          -Inf          | -Infinity
          inf           | Infinity
          -infinity     | -Infinity
          """)
  void parsesGoFloatSyntax(String text, double expected) {
    assertThat(GoFloat.parse(text)).isEqualTo(expected);
  }

  @Test
  void parsesNaNCaseInsensitively() {
    assertThat(GoFloat.parse("NaN")).isNaN();
    assertThat(GoFloat.parse("nan")).isNaN();
  }

  @ParameterizedTest(name = "rejects \"{0}\"")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''        | invalid float
          abc       | invalid float
          0x10      | invalid float
          0x1p-2    | invalid float
          1_000     | invalid float
          +NaN      | invalid float
          1.5f      | invalid float
          1d        | invalid float
          ' 1'      | invalid float
          1e400     | out of range
          -1e400    | out of range
          """)
  void rejectsWhatGoOrPrometheusRejects(String text, String reason) {
    assertThatThrownBy(() -> GoFloat.parse(text))
        .isInstanceOf(NumberFormatException.class)
        .hasMessageContaining(reason);
  }
}
