package dev.vigil.server.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.storage.memory.MemoryStorage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstantSelectorEvaluatorTest {

  private static final long MINUTE = 60_000;
  private static final Labels UP_A = Labels.of("__name__", "up", "job", "a");
  private static final Labels UP_B = Labels.of("__name__", "up", "job", "b");

  private final MemoryStorage storage = new MemoryStorage();
  private final InstantSelectorEvaluator evaluator = new InstantSelectorEvaluator(storage);

  @AfterEach
  void close() {
    storage.close();
  }

  private void add(Labels labels, long t, double v) {
    Appender app = storage.appender();
    app.append(labels, t, v);
    app.commit();
  }

  private List<InstantSample> eval(String query, long t) throws Exception {
    return evaluator.evaluate(SelectorParser.parse(query), t);
  }

  @Test
  void returnsTheLatestSampleOfEachSeriesStampedWithTheEvaluationTime() throws Exception {
    add(UP_A, 10 * MINUTE, 0);
    add(UP_A, 11 * MINUTE, 1);
    add(UP_B, 10 * MINUTE + 30_000, 1);

    assertThat(eval("up", 12 * MINUTE))
        .containsExactly(
            new InstantSample(UP_A, 12 * MINUTE, 1), new InstantSample(UP_B, 12 * MINUTE, 1));
    assertThat(eval("up{job=\"b\"}", 12 * MINUTE))
        .containsExactly(new InstantSample(UP_B, 12 * MINUTE, 1));
  }

  @Test
  void looksBackFiveMinutesExcludingTheLeftEdge() throws Exception {
    long t = 100 * MINUTE;
    add(UP_A, t - 5 * MINUTE, 1);
    add(UP_B, t - 5 * MINUTE + 1, 2);

    assertThat(eval("up", t)).containsExactly(new InstantSample(UP_B, t, 2));
    assertThat(eval("up", t + 1)).isEmpty();
  }

  @Test
  void ignoresSamplesAfterTheEvaluationTime() throws Exception {
    add(UP_A, 10 * MINUTE, 1);
    add(UP_A, 11 * MINUTE, 2);

    assertThat(eval("up", 10 * MINUTE + 59_999))
        .containsExactly(new InstantSample(UP_A, 10 * MINUTE + 59_999, 1));
    assertThat(eval("up", 10 * MINUTE - 1)).isEmpty();
  }

  @Test
  void treatsASeriesWhoseLatestSampleIsStaleAsAbsent() throws Exception {
    add(UP_A, 10 * MINUTE, 1);
    add(UP_A, 10 * MINUTE + 15_000, StaleNaN.VALUE);

    assertThat(eval("up", 10 * MINUTE + 14_999)).hasSize(1);
    assertThat(eval("up", 10 * MINUTE + 15_000)).isEmpty();
    assertThat(eval("up", 12 * MINUTE)).isEmpty();

    add(UP_A, 13 * MINUTE, 1);
    assertThat(eval("up", 13 * MINUTE)).containsExactly(new InstantSample(UP_A, 13 * MINUTE, 1));
  }

  @Test
  void keepsAnOrdinaryNaN() throws Exception {
    add(UP_A, 10 * MINUTE, Double.NaN);

    List<InstantSample> result = eval("up", 10 * MINUTE);

    assertThat(result).hasSize(1);
    assertThat(result.get(0).value()).isNaN();
  }
}
