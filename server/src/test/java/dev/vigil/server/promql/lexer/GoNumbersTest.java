package dev.vigil.server.promql.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Number tokens to values: Go's ParseInt with base prefixes first, then ParseFloat. */
class GoNumbersTest {

  static Stream<Arguments> values() {
    return Stream.of(
        arguments("42", 42.0),
        arguments("0x1f", 31.0),
        arguments("0X_1F", 31.0),
        arguments("0755", 493.0),
        arguments("0", 0.0),
        arguments("08", 8.0),
        arguments("09.5", 9.5),
        arguments("1_000", 1000.0),
        arguments("1_000.000_1", 1000.0001),
        arguments("1e3", 1000.0),
        arguments("1E-3", 0.001),
        arguments(".5", 0.5),
        arguments("5.", 5.0),
        arguments("5.e3", 5000.0),
        arguments("9223372036854775807", 9.223372036854775807E18),
        arguments("9223372036854775808", 9.223372036854775808E18),
        arguments("1e-400", 0.0),
        arguments("Inf", Double.POSITIVE_INFINITY),
        arguments("iNF", Double.POSITIVE_INFINITY),
        arguments("NaN", Double.NaN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void parsesLikePrometheus(String token, double expected) {
    // Double.equals, so that NaN equals NaN.
    assertThat(Double.valueOf(GoNumbers.parse(token))).isEqualTo(Double.valueOf(expected));
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        arguments("0x", "strconv.ParseFloat: parsing \"0x\": invalid syntax"),
        arguments("0x_", "strconv.ParseFloat: parsing \"0x_\": invalid syntax"),
        arguments(
            "0xFFFFFFFFFFFFFFFFFF",
            "strconv.ParseFloat: parsing \"0xFFFFFFFFFFFFFFFFFF\": invalid syntax"),
        arguments("1e309", "strconv.ParseFloat: parsing \"1e309\": value out of range"),
        arguments("1_e5", "strconv.ParseFloat: parsing \"1_e5\": invalid syntax"),
        arguments("1.2.3", "strconv.ParseFloat: parsing \"1.2.3\": invalid syntax"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void reportsGoErrors(String token, String message) {
    assertThatThrownBy(() -> GoNumbers.parse(token))
        .isInstanceOf(NumberFormatException.class)
        .hasMessage(message);
  }
}
