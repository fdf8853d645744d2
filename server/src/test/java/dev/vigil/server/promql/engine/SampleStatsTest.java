package dev.vigil.server.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.memory.MemoryStorage;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Query statistics and {@code --query.max-samples} follow Prometheus's peak model: a node's
 * result over all steps is held while its parent computes; a function over a range selector holds
 * one series' window at a time. Three series {@code x{i="0..2"}} with a sample every 15 s.
 */
class SampleStatsTest {

  private final MemoryStorage storage = new MemoryStorage();

  @BeforeEach
  void load() throws Exception {
    Appender app = storage.appender();
    for (long t = 0; t <= 600_000; t += 15_000) {
      for (int i = 0; i < 3; i++) {
        app.append(Labels.of("__name__", "x", "i", "" + i), t, t / 1000.0);
      }
    }
    app.commit();
  }

  @Test
  void instantSelectorHoldsOneSamplePerSeries() throws Exception {
    QueryStats s = engine(1000).instant("x", 600_000).stats();

    assertThat(s.totalQueryableSamples()).isEqualTo(3);
    assertThat(s.peakSamples()).isEqualTo(3);
  }

  @Test
  void rangeSelectorCountsEveryStepsSamples() throws Exception {
    // Five steps (0, 15, ..., 60 s) of three series.
    QueryStats s = range(engine(1000), "x").stats();

    assertThat(s.totalQueryableSamples()).isEqualTo(15);
    assertThat(s.peakSamples()).isEqualTo(15);
  }

  @Test
  void functionOverRangeSelectorHoldsItsOutputPlusOneSeriesWindow() throws Exception {
    // (9m, 10m] holds 4 samples per series: 12 queryable; peak = 3 outputs + one window of 4.
    QueryStats s = engine(1000).instant("rate(x[1m])", 600_000).stats();

    assertThat(s.totalQueryableSamples()).isEqualTo(12);
    assertThat(s.peakSamples()).isEqualTo(7);
  }

  @Test
  void aggregationHoldsItsInputMatrixWhileBuildingItsOutput() throws Exception {
    // 15 input samples held, plus one output sample per step for 5 steps.
    assertThat(range(engine(1000), "sum(x)").stats().peakSamples()).isEqualTo(20);
  }

  @Test
  void subqueryCountsEachInnerStepOnce() throws Exception {
    // Inner steps are 15 s multiples from -30 s to 60 s; those before 0 select nothing, so
    // 5 steps × 3 series, although the five outer steps re-evaluate overlapping windows.
    QueryStats s = range(engine(1000), "max_over_time(x[45s:15s])").stats();

    assertThat(s.totalQueryableSamples()).isEqualTo(15);
  }

  @Test
  void failsWhenThePeakExceedsMaxSamples() throws Exception {
    assertThat(range(engine(20), "sum(x)").value()).isNotNull();
    assertThatThrownBy(() -> range(engine(19), "sum(x)"))
        .isInstanceOf(QueryException.class)
        .hasMessage("query processing would load too many samples into memory in query execution")
        .extracting(e -> ((QueryException) e).kind())
        .isEqualTo(QueryException.Kind.EXECUTION);
  }

  private Engine engine(long maxSamples) {
    return new Engine(
        storage,
        new EngineOptions(
            Duration.ofMinutes(5), maxSamples, Duration.ofMinutes(1), false, false,
            Duration.ofMinutes(1)));
  }

  private static QueryResult range(Engine engine, String query) throws QueryException {
    return engine.range(engine.parse(query), query, 0, 60_000, 15_000, null, null);
  }
}
