package dev.vigil.server.promql.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Prometheus durations: units biggest first, 365-day years, millisecond printing. */
class DurationsTest {

  private static final long MS = 1_000_000L;
  private static final long S = 1000 * MS;

  static Stream<Arguments> parsed() {
    return Stream.of(
        arguments("0", 0L),
        arguments("5m", 300 * S),
        arguments("1h30m", 5400 * S),
        arguments("250ms", 250 * MS),
        arguments("1y", 365L * 86400 * S),
        arguments(
            "2w3d4h5m6s7ms", (2L * 7 + 3) * 86400 * S + 4 * 3600 * S + 5 * 60 * S + 6 * S + 7 * MS),
        arguments("0s", 0L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsed")
  void parsesDurations(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(nanos);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments("", "empty duration string"),
        arguments("5m1h", "not a valid duration string: \"5m1h\""),
        arguments("5m1m", "not a valid duration string: \"5m1m\""),
        arguments("m", "not a valid duration string: \"m\""),
        arguments("5", "not a valid duration string: \"5\""),
        arguments("5y1hs", "unknown unit \"hs\" in duration \"5y1hs\""),
        arguments("5.5m", "unknown unit \".\" in duration \"5.5m\""),
        arguments("300y", "duration out of range"),
        arguments(
            "99999999999999999999s", "not a valid duration string: \"99999999999999999999s\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsInvalidDurations(String text, String message) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> formatted() {
    return Stream.of(
        arguments(0L, "0s"),
        arguments(90 * 60 * S, "1h30m"),
        arguments(14 * 86400 * S, "2w"),
        arguments(15 * 86400 * S, "15d"),
        arguments(365L * 86400 * S, "1y"),
        arguments(366L * 86400 * S, "366d"),
        arguments(1500 * MS, "1s500ms"),
        arguments(999_999L, "0s"),
        arguments(-5 * 60 * S, "-5m"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("formatted")
  void formatsDurationsInPrometheusStyle(long nanos, String expected) {
    assertThat(Durations.format(nanos)).isEqualTo(expected);
  }
}
