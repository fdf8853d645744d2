package dev.vigil.server.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Vector;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.memory.MemoryStorage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's {@code use-start-timestamps} switch: off (Prometheus's default) the stored start
 * timestamps are invisible; on, they turn delta points into resets. A delta counter stores 5 per
 * minute at 2m, 3m and 4m, each with its start at the previous minute.
 */
class StartTimestampSwitchTest {

  private static final Labels JOBS = Labels.of("__name__", "jobs_total");

  private final MemoryStorage storage = new MemoryStorage();

  @BeforeEach
  void load() {
    Appender app = storage.appender();
    for (long t = 120_000; t <= 240_000; t += 60_000) {
      app.append(JOBS, t - 60_000, t, 5);
    }
    app.commit();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void withoutTheSwitchDeltaPointsLookLikeAFlatCounter() throws Exception {
    assertThat(values(engine(false), "increase(jobs_total[5m])")).containsExactly(0.0);
    assertThat(values(engine(false), "resets(jobs_total[5m])")).containsExactly(0.0);
  }

  @Test
  void withTheSwitchEveryDeltaPointCounts() throws Exception {
    assertThat(values(engine(true), "increase(jobs_total[5m])")).containsExactly(15.0);
    assertThat(values(engine(true), "resets(jobs_total[5m])")).containsExactly(2.0);
  }

  @Test
  void startTimestampAnswersOnlyWithTheSwitch() throws Exception {
    assertThat(values(engine(false), "start_timestamp(jobs_total)")).isEmpty();
    assertThat(values(engine(true), "start_timestamp(jobs_total)")).containsExactly(180.0);
  }

  private static List<Double> values(Engine engine, String query) throws QueryException {
    Vector v = (Vector) engine.instant(query, 240_000).value();
    return v.samples().stream().map(Sample::value).toList();
  }

  private Engine engine(boolean useStartTimestamps) {
    return new Engine(
        storage,
        new EngineOptions(
            Duration.ofMinutes(5), 50_000_000, Duration.ofMinutes(1), true, false,
            Duration.ofMinutes(1), useStartTimestamps));
  }
}
