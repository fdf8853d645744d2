package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.promql.engine.EngineOptions;
import dev.vigil.server.promql.parser.ParserOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryFlagsTest {

  @Test
  void defaultsMatchPrometheusServerDefaults() {
    QueryFlags.Settings s = QueryFlags.settings("5m", "50000000", "2m", List.of());
    assertThat(s.engine()).isEqualTo(EngineOptions.DEFAULTS);
    assertThat(s.parser()).isEqualTo(ParserOptions.SERVER_DEFAULT);
    assertThat(s.ignoredFeatures()).isEmpty();
  }

  @Test
  void readsLimitsAndDurations() {
    QueryFlags.Settings s = QueryFlags.settings("1m30s", "1000", "10s", List.of());
    assertThat(s.engine().lookbackDelta()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.engine().maxSamples()).isEqualTo(1000);
    assertThat(s.engine().timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void featuresSwitchEngineAndParserIndependently() {
    QueryFlags.Settings s =
        QueryFlags.settings(
            "5m", "1", "2m",
            List.of("promql-delayed-name-removal", "promql-extended-range-selectors"));
    assertThat(s.engine().delayedNameRemoval()).isTrue();
    assertThat(s.engine().experimentalFunctions()).isFalse();
    assertThat(s.engine().useStartTimestamps()).isFalse();
    assertThat(s.parser())
        .isEqualTo(new ParserOptions(false, true, true, false));
  }

  @Test
  void useStartTimestampsSwitchesOnlyTheEngine() {
    QueryFlags.Settings s =
        QueryFlags.settings("5m", "1", "2m", List.of("use-start-timestamps"));
    assertThat(s.engine().useStartTimestamps()).isTrue();
    assertThat(s.parser()).isEqualTo(ParserOptions.SERVER_DEFAULT);
    assertThat(s.ignoredFeatures()).isEmpty();
  }

  @Test
  void acceptsCommaSeparatedAndRepeatedFeaturesAndReportsUnknownOnes() {
    QueryFlags.Settings s =
        QueryFlags.settings(
            "5m", "1", "2m",
            List.of("promql-experimental-functions, exemplar-storage", "promql-binop-fill-modifiers"));
    assertThat(s.engine().experimentalFunctions()).isTrue();
    assertThat(s.parser().experimentalFunctions()).isTrue();
    assertThat(s.parser().binopFillModifiers()).isTrue();
    assertThat(s.ignoredFeatures()).containsExactly("exemplar-storage");
  }

  @Test
  void namesTheFlagWhoseValueIsBad() {
    assertThatThrownBy(() -> QueryFlags.settings("5x", "1", "2m", List.of()))
        .hasMessageStartingWith("invalid --query.lookback-delta \"5x\": ");
    assertThatThrownBy(() -> QueryFlags.settings("5m", "many", "2m", List.of()))
        .hasMessage("invalid --query.max-samples \"many\": not an integer");
    assertThatThrownBy(() -> QueryFlags.settings("5m", "0", "2m", List.of()))
        .hasMessage("invalid --query.max-samples \"0\": must be positive");
    assertThatThrownBy(() -> QueryFlags.settings("5m", "1", "0s", List.of()))
        .hasMessage("invalid --query.timeout \"0s\": must be positive");
  }
}
