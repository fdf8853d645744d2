package dev.vigil.server.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SampleRejectedException;
import dev.vigil.server.storage.SampleRejectedException.Reason;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryStorageTest {

  private static final Labels UP_A = Labels.of("__name__", "up", "job", "a");
  private static final Labels UP_B = Labels.of("__name__", "up", "job", "b");
  private static final Labels TEMP = Labels.of("__name__", "temp", "room", "kitchen");

  private final TelemetryRegistry registry = new TelemetryRegistry();
  private final MemoryStorage storage = new MemoryStorage(registry);

  @AfterEach
  void close() {
    storage.close();
  }

  /** One series' samples as "t=v" strings, so assertions read like the data. */
  private List<String> samples(Labels series, long min, long max) {
    return samples(series, min, max, it -> it.timestamp() + "=" + it.value());
  }

  private List<String> samples(
      Labels series, long min, long max, Function<SampleIterator, String> format) {
    List<String> out = new ArrayList<>();
    try (Querier q = storage.querier(min, max)) {
      SeriesSet set = q.select(true, matchersFor(series));
      while (set.next()) {
        SampleIterator it = set.at().iterator();
        while (it.next()) {
          out.add(format.apply(it));
        }
      }
    }
    return out;
  }

  private static List<LabelMatcher> matchersFor(Labels labels) {
    List<LabelMatcher> ms = new ArrayList<>();
    labels.forEach(l -> ms.add(LabelMatcher.equal(l.name(), l.value())));
    return ms;
  }

  private void commit(Labels labels, long t, double v) {
    Appender app = storage.appender();
    app.append(labels, t, v);
    app.commit();
  }

  /** One series' samples as "st/t=v" strings, st 0 meaning unknown. */
  private List<String> samplesWithStart(Labels series, long min, long max) {
    return samples(series, min, max,
        it -> it.startTimestamp() + "/" + it.timestamp() + "=" + it.value());
  }

  @Test
  void keepsStartTimestampsAlignedWithTheirSamples() {
    Appender app = storage.appender();
    // Unknown first, so the start timestamps arrive after the series exists, and enough samples
    // to grow the arrays past their first size.
    app.append(UP_A, 1000, 1);
    for (long t = 2000; t <= 12_000; t += 1000) {
      app.append(UP_A, t - 1000, t, t / 1000.0);
    }
    app.commit();

    assertThat(samplesWithStart(UP_A, 0, 2000)).containsExactly("0/1000=1.0", "1000/2000=2.0");
    assertThat(samplesWithStart(UP_A, 11_000, Long.MAX_VALUE))
        .containsExactly("10000/11000=11.0", "11000/12000=12.0");
  }

  @Test
  void reportsUnknownStartTimestampForPlainSamples() {
    commit(UP_B, 1000, 1);

    assertThat(samplesWithStart(UP_B, 0, Long.MAX_VALUE)).containsExactly("0/1000=1.0");
  }

  @Test
  void makesSamplesVisibleOnlyAfterCommit() {
    Appender app = storage.appender();
    app.append(UP_A, 1000, 1);

    assertThat(samples(UP_A, 0, Long.MAX_VALUE)).isEmpty();
    app.commit();
    assertThat(samples(UP_A, 0, Long.MAX_VALUE)).containsExactly("1000=1.0");
  }

  @Test
  void discardsRolledBackBatches() {
    Appender app = storage.appender();
    app.append(UP_A, 1000, 1);
    app.rollback();

    assertThat(samples(UP_A, 0, Long.MAX_VALUE)).isEmpty();
    assertThatThrownBy(app::commit).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsOutOfOrderSamples() {
    commit(UP_A, 2000, 1);

    Appender app = storage.appender();
    assertThatThrownBy(() -> app.append(UP_A, 1999, 1))
        .isInstanceOfSatisfying(
            SampleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.OUT_OF_ORDER));
  }

  @Test
  void treatsAnIdenticalDuplicateAsANoOp() {
    commit(UP_A, 2000, 1);
    commit(UP_A, 2000, 1);

    assertThat(samples(UP_A, 0, Long.MAX_VALUE)).containsExactly("2000=1.0");
  }

  @Test
  void rejectsADuplicateTimestampWithADifferentValue() {
    commit(UP_A, 2000, 1);

    Appender app = storage.appender();
    assertThatThrownBy(() -> app.append(UP_A, 2000, 0))
        .isInstanceOfSatisfying(
            SampleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_TIMESTAMP));
    assertThat(registry.exposition())
        .contains("vigil_storage_samples_rejected_total{reason=\"duplicate_timestamp\"} 1");
  }

  @Test
  void tellsAStaleMarkerApartFromAnOrdinaryNaNAtTheSameTimestamp() {
    commit(UP_A, 2000, Double.NaN);

    Appender app = storage.appender();
    assertThatThrownBy(() -> app.append(UP_A, 2000, StaleNaN.VALUE))
        .isInstanceOf(SampleRejectedException.class);
  }

  @Test
  void checksOrderWithinOneBatchToo() {
    Appender app = storage.appender();
    app.append(UP_A, 2000, 1);

    assertThatThrownBy(() -> app.append(UP_A, 1000, 1))
        .isInstanceOfSatisfying(
            SampleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.OUT_OF_ORDER));
    app.append(UP_A, 3000, 2);
    app.commit();
    assertThat(samples(UP_A, 0, Long.MAX_VALUE)).containsExactly("2000=1.0", "3000=2.0");
  }

  @Test
  void dropsSamplesThatAnotherAppenderOvertookBeforeCommit() {
    Appender slow = storage.appender();
    slow.append(UP_A, 1000, 1);
    commit(UP_A, 5000, 5);

    slow.commit();

    assertThat(samples(UP_A, 0, Long.MAX_VALUE)).containsExactly("5000=5.0");
    assertThat(registry.exposition())
        .contains("vigil_storage_samples_rejected_total{reason=\"out_of_order\"} 1");
  }

  @Test
  void rejectsInvalidLabelSets() {
    Appender app = storage.appender();

    assertThatThrownBy(() -> app.append(Labels.empty(), 1, 1))
        .isInstanceOfSatisfying(
            SampleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_LABELS));
    assertThatThrownBy(() -> app.append(Labels.of("__name__", "0bad"), 1, 1))
        .isInstanceOf(SampleRejectedException.class);
    assertThatThrownBy(() -> app.append(Labels.of("__name__", "ok", "bad-label", "x"), 1, 1))
        .isInstanceOf(SampleRejectedException.class);
  }

  @Test
  void keepsStaleMarkerBitsExactly() {
    commit(UP_A, 1000, StaleNaN.VALUE);

    try (Querier q = storage.querier(0, 2000)) {
      SeriesSet set = q.select(false, matchersFor(UP_A));
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator();
      assertThat(it.next()).isTrue();
      assertThat(StaleNaN.is(it.value())).isTrue();
    }
  }

  @Test
  void queriesAnInclusiveTimeRange() {
    Appender app = storage.appender();
    for (long t = 1000; t <= 5000; t += 1000) {
      app.append(TEMP, t, t / 1000.0);
    }
    app.commit();

    assertThat(samples(TEMP, 2000, 4000)).containsExactly("2000=2.0", "3000=3.0", "4000=4.0");
    assertThat(samples(TEMP, 2001, 3999)).containsExactly("3000=3.0");
    assertThat(samples(TEMP, 6000, 7000)).isEmpty();
  }

  @Test
  void selectsByAllMatcherKindsInLabelOrder() {
    Appender app = storage.appender();
    app.append(UP_B, 1000, 1);
    app.append(UP_A, 1000, 0);
    app.append(TEMP, 1000, 21);
    app.commit();

    assertThat(select(LabelMatcher.equal("__name__", "up"))).containsExactly(UP_A, UP_B);
    assertThat(select(LabelMatcher.of(LabelMatcher.Type.REGEX, "job", "a|b")))
        .containsExactly(UP_A, UP_B);
    assertThat(
            select(
                LabelMatcher.equal("__name__", "up"),
                LabelMatcher.of(LabelMatcher.Type.NOT_EQUAL, "job", "a")))
        .containsExactly(UP_B);
    assertThat(
            select(
                LabelMatcher.of(LabelMatcher.Type.REGEX, "__name__", ".+"),
                LabelMatcher.of(LabelMatcher.Type.NOT_REGEX, "job", "a|b")))
        .containsExactly(TEMP);
  }

  private List<Labels> select(LabelMatcher... matchers) {
    List<Labels> out = new ArrayList<>();
    try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, List.of(matchers));
      while (set.next()) {
        out.add(set.at().labels());
      }
    }
    return out;
  }

  @Test
  void refusesSelectorsThatMatchEverything() {
    try (Querier q = storage.querier(0, 1)) {
      assertThatThrownBy(
              () -> q.select(true, List.of(LabelMatcher.of(LabelMatcher.Type.REGEX, "job", ".*"))))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void listsLabelNamesAndValuesOfSeriesInRange() {
    commit(UP_A, 1000, 1);
    commit(TEMP, 9000, 20);

    try (Querier q = storage.querier(0, 5000)) {
      assertThat(q.labelNames(List.of())).containsExactly("__name__", "job");
      assertThat(q.labelValues("__name__", List.of())).containsExactly("up");
    }
    try (Querier q = storage.querier(0, 10000)) {
      assertThat(q.labelValues("__name__", List.of())).containsExactly("temp", "up");
      assertThat(q.labelNames(List.of(LabelMatcher.equal("__name__", "temp"))))
          .containsExactly("__name__", "room");
    }
  }

  @Test
  void acceptsConcurrentWritersWithoutLosingSamples() {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      Labels series = Labels.of("__name__", "load", "writer", Integer.toString(w));
      writers.add(
          CompletableFuture.runAsync(
              () -> {
                for (int batch = 0; batch < 50; batch++) {
                  Appender app = storage.appender();
                  for (int i = 0; i < 20; i++) {
                    long t = batch * 20L + i;
                    app.append(series, t, t);
                  }
                  app.commit();
                }
              },
              pool));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
    pool.shutdown();

    for (int w = 0; w < 8; w++) {
      assertThat(samples(Labels.of("__name__", "load", "writer", Integer.toString(w)), 0, 10_000))
          .hasSize(1000);
    }
    assertThat(registry.exposition())
        .contains("vigil_storage_series 8\n")
        .contains("vigil_storage_samples_appended_total 8000\n");
  }
}
