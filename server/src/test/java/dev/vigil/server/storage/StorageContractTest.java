package dev.vigil.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.LabelMatcher.Type;
import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Storage} must do, whatever it is made of. Subclass it with a {@link
 * #newStorage()} per implementation; it is public only so subclasses in other packages can extend
 * it.
 */
public abstract class StorageContractTest {

  private static final Labels UP_A = Labels.of("__name__", "up", "job", "a");
  private static final Labels UP_B = Labels.of("__name__", "up", "job", "b", "env", "prod");
  private static final Labels REQS =
      Labels.of("__name__", "http_requests_total", "job", "a", "env", "staging", "code", "200");

  private Storage storage;

  /** A fresh, empty store. */
  protected abstract Storage newStorage();

  @BeforeEach
  void open() {
    storage = newStorage();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void showsCommittedSamplesToQueriersOpenedAfterwards() {
    append(UP_A, 1000, 1, 2000, 0, 3000, 1);

    assertThat(read(0, 10_000, eq("job", "a")))
        .containsExactly(entry(UP_A, "1000:1.0", "2000:0.0", "3000:1.0"));
  }

  @Test
  void hidesSamplesUntilCommit() {
    Appender app = storage.appender();
    app.append(UP_A, 1000, 1);

    assertThat(read(0, 10_000, eq("job", "a"))).isEmpty();
    app.commit();
    assertThat(read(0, 10_000, eq("job", "a"))).hasSize(1);
  }

  @Test
  void rollbackLeavesNoTrace() {
    Appender app = storage.appender();
    app.append(UP_A, 1000, 1);
    app.append(Labels.of("__name__", "ghost", "only_here", "x"), 1000, 1);
    app.rollback();

    try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      assertThat(drain(q.select(false, List.of(eq("__name__", "up"))))).isEmpty();
      assertThat(q.labelNames(List.of())).doesNotContain("only_here");
      assertThat(q.labelValues("__name__", List.of())).doesNotContain("ghost");
    }
    append(UP_A, 500, 2); // nothing of the rolled-back batch constrains later ones
    assertThat(read(0, 10_000, eq("job", "a"))).containsExactly(entry(UP_A, "500:2.0"));
  }

  @Test
  void refusesUseAfterCommitOrRollback() {
    Appender committed = storage.appender();
    committed.commit();
    Appender rolledBack = storage.appender();
    rolledBack.rollback();

    assertThatThrownBy(() -> committed.append(UP_A, 1, 1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(committed::commit).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(rolledBack::commit).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsOutOfOrderSamplesAcrossBatches() {
    append(UP_A, 2000, 1);
    Appender app = storage.appender();

    assertThatThrownBy(() -> app.append(UP_A, 1999, 1))
        .isInstanceOfSatisfying(
            SampleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(SampleRejectedException.Reason.OUT_OF_ORDER));
    app.append(UP_B, 1000, 1); // the rest of the batch is unaffected
    app.append(UP_A, 3000, 2);
    app.commit();
    assertThat(read(0, 10_000, eq("__name__", "up")))
        .containsEntry(UP_A, List.of("2000:1.0", "3000:2.0"))
        .containsEntry(UP_B, List.of("1000:1.0"));
  }

  @Test
  void rejectsOutOfOrderSamplesWithinABatch() {
    Appender app = storage.appender();
    app.append(UP_A, 2000, 1);

    assertThatThrownBy(() -> app.append(UP_A, 1000, 1))
        .isInstanceOfSatisfying(
            SampleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(SampleRejectedException.Reason.OUT_OF_ORDER));
    app.commit();
    assertThat(read(0, 10_000, eq("job", "a"))).containsExactly(entry(UP_A, "2000:1.0"));
  }

  @Test
  void rejectsASecondValueForTheSameTimestamp() {
    append(UP_A, 1000, 1);
    Appender app = storage.appender();

    assertThatThrownBy(() -> app.append(UP_A, 1000, 2))
        .isInstanceOfSatisfying(
            SampleRejectedException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(SampleRejectedException.Reason.DUPLICATE_TIMESTAMP));
    assertThatThrownBy(() -> app.append(UP_A, 1000, StaleNaN.VALUE))
        .isInstanceOfSatisfying(
            SampleRejectedException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(SampleRejectedException.Reason.DUPLICATE_TIMESTAMP));
  }

  @Test
  void ignoresAnExactRepeatOfTheNewestSample() {
    append(UP_A, 1000, 1);
    Appender app = storage.appender();
    app.append(UP_A, 1000, 1);
    app.append(UP_A, 2000, 5);
    app.append(UP_A, 2000, 5);
    app.commit();

    assertThat(read(0, 10_000, eq("job", "a")))
        .containsExactly(entry(UP_A, "1000:1.0", "2000:5.0"));
  }

  @Test
  void rejectsAnEmptyLabelSet() {
    Appender app = storage.appender();

    assertThatThrownBy(() -> app.append(Labels.empty(), 1000, 1))
        .isInstanceOfSatisfying(
            SampleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(SampleRejectedException.Reason.INVALID_LABELS));
  }

  @Test
  void keepsStaleMarkersAndNaNPayloadsBitExact() {
    double payloadNaN = Double.longBitsToDouble(0x7ff8_0000_0000_00abL);
    append(
        UP_A, 1000, StaleNaN.VALUE, 2000, payloadNaN, 3000, -0.0, 4000, Double.NEGATIVE_INFINITY);

    List<Long> bits = new ArrayList<>();
    try (Querier q = storage.querier(0, 10_000)) {
      SeriesSet set = q.select(false, List.of(eq("job", "a")));
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator();
      while (it.next()) {
        bits.add(Double.doubleToRawLongBits(it.value()));
      }
    }
    assertThat(bits)
        .containsExactly(
            StaleNaN.BITS,
            0x7ff8_0000_0000_00abL,
            Double.doubleToRawLongBits(-0.0),
            Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));
  }

  @Test
  void matchesLabelsWithAllFourOperators() {
    seedSelectorCorpus();

    assertThat(read(0, 10_000, eq("__name__", "up")).keySet())
        .containsExactlyInAnyOrder(UP_A, UP_B);
    assertThat(read(0, 10_000, eq("__name__", "up"), m(Type.NOT_EQUAL, "job", "a")).keySet())
        .containsExactlyInAnyOrder(UP_B);
    assertThat(read(0, 10_000, m(Type.REGEX, "__name__", "up|http_.*")).keySet())
        .containsExactlyInAnyOrder(UP_A, UP_B, REQS);
    assertThat(
            read(
                    0,
                    10_000,
                    m(Type.REGEX, "__name__", ".+"),
                    m(Type.NOT_REGEX, "env", "prod|staging"))
                .keySet())
        .containsExactlyInAnyOrder(UP_A);
    assertThat(read(0, 10_000, m(Type.REGEX, "code", "2..")).keySet())
        .containsExactlyInAnyOrder(REQS);
    assertThat(read(0, 10_000, m(Type.REGEX, "job", "A"))).isEmpty();
  }

  @Test
  void treatsAnAbsentLabelAsEmpty() {
    seedSelectorCorpus();

    assertThat(read(0, 10_000, eq("__name__", "up"), eq("env", "")).keySet())
        .containsExactlyInAnyOrder(UP_A);
    assertThat(read(0, 10_000, eq("__name__", "up"), m(Type.NOT_EQUAL, "env", "")).keySet())
        .containsExactlyInAnyOrder(UP_B);
    assertThat(read(0, 10_000, eq("job", "a"), m(Type.REGEX, "env", "prod|")).keySet())
        .containsExactlyInAnyOrder(UP_A);
    assertThat(read(0, 10_000, eq("job", "a"), m(Type.NOT_REGEX, "env", "prod")).keySet())
        .containsExactlyInAnyOrder(UP_A, REQS);
    assertThat(read(0, 10_000, eq("job", "a"), m(Type.REGEX, "env", ".*")).keySet())
        .containsExactlyInAnyOrder(UP_A, REQS);
    assertThat(read(0, 10_000, eq("job", "a"), m(Type.REGEX, "env", ".+")).keySet())
        .containsExactlyInAnyOrder(REQS);
    assertThat(read(0, 10_000, eq("job", "a"), m(Type.NOT_EQUAL, "nonexistent", "x")).keySet())
        .containsExactlyInAnyOrder(UP_A, REQS);
    assertThat(read(0, 10_000, eq("job", "a"), eq("nonexistent", "x"))).isEmpty();
  }

  @Test
  void restrictsSamplesToTheQueriedRangeInclusive() {
    append(UP_A, 1000, 1, 2000, 2, 3000, 3, 4000, 4);
    append(UP_B, 1000, 1);

    assertThat(read(2000, 3000, eq("__name__", "up")))
        .containsExactly(entry(UP_A, "2000:2.0", "3000:3.0"));
    assertThat(read(2001, 2999, eq("__name__", "up"))).isEmpty();
    assertThat(read(4000, 9000, eq("job", "a"))).containsExactly(entry(UP_A, "4000:4.0"));
  }

  @Test
  void returnsSeriesInLabelOrderWhenAskedToSort() {
    Labels[] series = {
      Labels.of("__name__", "m", "z", "1"),
      Labels.of("__name__", "m", "a", "2"),
      Labels.of("__name__", "m", "a", "10"),
      Labels.of("__name__", "m"),
      Labels.of("__name__", "m", "a", "2", "b", "0"),
    };
    for (Labels l : series) {
      append(l, 1000, 1);
    }
    List<Labels> expected = new ArrayList<>(Arrays.asList(series));
    expected.sort(null);

    try (Querier q = storage.querier(0, 10_000)) {
      List<Labels> actual =
          new ArrayList<>(drain(q.select(true, List.of(eq("__name__", "m")))).keySet());
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void seeksWithinASeries() {
    append(UP_A, 1000, 1, 2000, 2, 3000, 3);

    try (Querier q = storage.querier(0, 10_000)) {
      SeriesSet set = q.select(false, List.of(eq("job", "a")));
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator();
      assertThat(it.seek(1500)).isTrue();
      assertThat(it.timestamp()).isEqualTo(2000);
      assertThat(it.seek(0)).isTrue();
      assertThat(it.timestamp()).isEqualTo(2000);
      assertThat(it.next()).isTrue();
      assertThat(it.value()).isEqualTo(3.0);
      assertThat(it.seek(3001)).isFalse();
      SampleIterator fresh = set.at().iterator();
      assertThat(fresh.next()).isTrue();
      assertThat(fresh.timestamp()).isEqualTo(1000);
    }
  }

  @Test
  void listsLabelNamesAndValuesSorted() {
    seedSelectorCorpus();

    try (Querier q = storage.querier(0, 10_000)) {
      assertThat(q.labelNames(List.of())).containsExactly("__name__", "code", "env", "job");
      assertThat(q.labelNames(List.of(eq("job", "a"))))
          .containsExactly("__name__", "code", "env", "job");
      assertThat(q.labelNames(List.of(eq("__name__", "up"), eq("job", "a"))))
          .containsExactly("__name__", "job");
      assertThat(q.labelValues("env", List.of())).containsExactly("prod", "staging");
      assertThat(q.labelValues("job", List.of(eq("__name__", "up")))).containsExactly("a", "b");
      assertThat(q.labelValues("missing", List.of())).isEmpty();
    }
  }

  @Test
  void restrictsLabelQueriesToSeriesWithSamplesInRange() {
    append(UP_A, 1000, 1);
    append(UP_B, 5000, 1);

    try (Querier q = storage.querier(4000, 6000)) {
      assertThat(q.labelValues("job", List.of())).containsExactly("b");
      assertThat(q.labelNames(List.of(eq("__name__", "up"))))
          .containsExactly("__name__", "env", "job");
    }
  }

  private void seedSelectorCorpus() {
    append(UP_A, 1000, 1);
    append(UP_B, 1000, 1);
    append(REQS, 1000, 10);
  }

  /** Appends alternating timestamps and values to one series and commits. */
  protected final void append(Labels labels, double... timesAndValues) {
    Appender app = storage.appender();
    for (int i = 0; i < timesAndValues.length; i += 2) {
      app.append(labels, (long) timesAndValues[i], timesAndValues[i + 1]);
    }
    app.commit();
  }

  /** The samples of matching series in [minTime, maxTime] as "t:v", by series. */
  protected final Map<Labels, List<String>> read(
      long minTime, long maxTime, LabelMatcher... matchers) {
    try (Querier q = storage.querier(minTime, maxTime)) {
      return drain(q.select(true, List.of(matchers)));
    }
  }

  protected final Storage storage() {
    return storage;
  }

  private static Map<Labels, List<String>> drain(SeriesSet set) {
    Map<Labels, List<String>> out = new LinkedHashMap<>();
    while (set.next()) {
      List<String> samples = new ArrayList<>();
      SampleIterator it = set.at().iterator();
      while (it.next()) {
        samples.add(it.timestamp() + ":" + it.value());
      }
      out.put(set.at().labels(), samples);
    }
    return out;
  }

  private static Map.Entry<Labels, List<String>> entry(Labels l, String... samples) {
    return Map.entry(l, List.of(samples));
  }

  private static LabelMatcher eq(String name, String value) {
    return LabelMatcher.equal(name, value);
  }

  private static LabelMatcher m(Type type, String name, String value) {
    return LabelMatcher.of(type, name, value);
  }
}
