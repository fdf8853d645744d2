package dev.vigil.server.promql.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's float formatting: shortest round-trip digits, Go's special values and exponent style. */
class GoFloatsTest {

  static Stream<Arguments> fFormat() {
    return Stream.of(
        arguments(1.0, "1"),
        arguments(-0.0, "-0"),
        arguments(0.1, "0.1"),
        arguments(1e21, "1000000000000000000000"),
        arguments(1e-7, "0.0000001"),
        arguments(123.456, "123.456"),
        // Java 17's Double.toString prints 2.0E-3 style and, for this value, too many digits.
        arguments(2.0e-3, "0.002"),
        arguments(1.0E23, "100000000000000000000000"),
        arguments(Double.MAX_VALUE, "17976931348623157" + "0".repeat(292)),
        arguments(Double.POSITIVE_INFINITY, "+Inf"),
        arguments(Double.NEGATIVE_INFINITY, "-Inf"),
        arguments(Double.NaN, "NaN"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fFormat")
  void formatsWithoutExponent(double v, String expected) {
    assertThat(GoFloats.formatF(v)).isEqualTo(expected);
  }

  static Stream<Arguments> gFormat() {
    return Stream.of(
        arguments(-23.0, "-23"),
        arguments(5.0, "5"),
        arguments(123456.0, "123456"),
        arguments(1e6, "1e+06"),
        arguments(123456789.0, "1.23456789e+08"),
        arguments(0.0001, "0.0001"),
        arguments(0.00001, "1e-05"),
        arguments(1e100, "1e+100"),
        arguments(Double.NaN, "NaN"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gFormat")
  void formatsLikePercentV(double v, String expected) {
    assertThat(GoFloats.formatG(v)).isEqualTo(expected);
  }

  static Stream<Arguments> fixed() {
    return Stream.of(
        arguments(10.0, 3, "10.000"),
        arguments(1.2345, 3, "1.234"),
        arguments(-0.0001, 3, "-0.000"),
        arguments(9.223372036854775808E18, 6, "9223372036854775808.000000"),
        arguments(Double.POSITIVE_INFINITY, 6, "+Inf"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixed")
  void formatsFixedDecimalsFromTheExactBinaryValue(double v, int decimals, String expected) {
    assertThat(GoFloats.formatFixed(v, decimals)).isEqualTo(expected);
  }
}
