package dev.vigil.server.storage.tsdb.head;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadTest {

  private static final Labels SERIES = Labels.of("__name__", "up", "job", "a");
  private static final long HOUR = 3_600_000L;

  @Test
  void refusesSamplesBeforeTheMinValidTimeAsTooOld() {
    Head head = new Head(HeadOptions.builder().minValidTime(1000).build());
    Appender app = head.appender();

    assertThatThrownBy(() -> app.append(SERIES, 999, 1))
        .isInstanceOfSatisfying(
            SampleRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.TOO_OLD);
              assertThat(e.getMessage()).contains("999", "1000", "job=\"a\"");
            });
    app.append(SERIES, 1000, 1);
    app.commit();
    head.raiseMinValidTime(5000);
    head.raiseMinValidTime(10); // never goes down
    assertThat(head.minValidTime()).isEqualTo(5000);
  }

  @Test
  void countsSamplesSeriesChunksAndRejectionsByReason() {
    Head head = new Head(HeadOptions.builder().samplesPerChunk(3).minValidTime(0).build());
    Appender app = head.appender();
    for (int i = 1; i <= 7; i++) {
      app.append(SERIES, i * 1000L, i);
    }
    app.append(Labels.of("__name__", "other"), 1000, 1);
    rejected(app, SERIES, 500, 1);
    rejected(app, SERIES, 7000, 8);
    rejected(app, SERIES, -1, 1);
    rejected(app, Labels.empty(), 1, 1);
    app.append(SERIES, 7000, 7); // identical repeat: neither stored nor rejected
    app.commit();

    HeadStats stats = head.stats();
    assertThat(stats.series()).isEqualTo(2);
    assertThat(stats.samplesAppended()).isEqualTo(8);
    assertThat(stats.chunksCreated()).isEqualTo(3 + 1);
    assertThat(stats.rejected(Reason.OUT_OF_ORDER)).isEqualTo(1);
    assertThat(stats.rejected(Reason.DUPLICATE_TIMESTAMP)).isEqualTo(1);
    assertThat(stats.rejected(Reason.TOO_OLD)).isEqualTo(1);
    assertThat(stats.rejected(Reason.INVALID_LABELS)).isEqualTo(1);
    assertThat(head.minTime()).isEqualTo(1000);
    assertThat(head.maxTime()).isEqualTo(7000);
  }

  @Test
  void cutsChunksAtTheRangeBoundaryEvenWhenNotFull() {
    Head head = new Head();
    Appender app = head.appender();
    // 15 s scrapes from 1h40 to 2h20, 161 samples: only the 2h boundary splits them.
    List<Long> expected = new ArrayList<>();
    for (long t = 100 * 60_000L; t <= 140 * 60_000L; t += 15_000) {
      app.append(SERIES, t, t);
      expected.add(t);
    }
    app.commit();

    assertThat(head.stats().chunksCreated()).isEqualTo(2);
    assertThat(timestamps(head, 0, Long.MAX_VALUE)).isEqualTo(expected);
  }

  @Test
  void iteratesAcrossChunksWithinTheRange() {
    Head head = new Head(HeadOptions.builder().samplesPerChunk(4).build());
    Appender app = head.appender();
    for (long t = 0; t < 40; t++) {
      app.append(SERIES, t * 10, t);
    }
    app.commit();

    assertThat(timestamps(head, 55, 205))
        .containsExactly(
            60L, 70L, 80L, 90L, 100L, 110L, 120L, 130L, 140L, 150L, 160L, 170L, 180L, 190L, 200L);
    try (Querier q = head.querier(55, 205)) {
      SampleIterator it = only(q.select(false, List.of(LabelMatcher.equal("job", "a"))));
      assertThat(it.seek(0)).isTrue();
      assertThat(it.timestamp()).isEqualTo(60);
      assertThat(it.seek(171)).isTrue();
      assertThat(it.timestamp()).isEqualTo(180);
      assertThat(it.seek(200)).isTrue();
      assertThat(it.next()).isFalse();
    }
  }

  @Test
  void readsSealedChunksBackBitExactWhetherRecodedAsIntegersOrKeptAsXor() {
    Head head = new Head(HeadOptions.builder().samplesPerChunk(3).build());
    // Chunks of 3: integers (recoded INT), one with StaleNaN and one with a fraction (kept XOR),
    // -0.0 (kept XOR: INT has no negative zero), then large integers; 14 chunks, grown arrays.
    double[] values = new double[42];
    double[] odd = {1, 2, 3, 4, StaleNaN.VALUE, 6, 7, 8.5, 9, -0.0, 0, 1, 1e15, 1e15 + 7, 2e15};
    System.arraycopy(odd, 0, values, 0, odd.length);
    for (int i = odd.length; i < values.length; i++) {
      values[i] = i / 3; // integral chunks
    }
    Appender app = head.appender();
    for (int i = 0; i < values.length; i++) {
      app.append(SERIES, i * 1000L, values[i]);
    }
    app.commit();

    List<Long> bits = new ArrayList<>();
    try (Querier q = head.querier(0, Long.MAX_VALUE)) {
      SampleIterator it = only(q.select(false, List.of(LabelMatcher.equal("job", "a"))));
      while (it.next()) {
        bits.add(Double.doubleToRawLongBits(it.value()));
      }
    }
    assertThat(bits)
        .containsExactlyElementsOf(
            Arrays.stream(values).mapToObj(Double::doubleToRawLongBits).toList());
  }

  @Test
  void findsNoSamplesInAGapInsideOneChunk() {
    Head head = new Head();
    Appender app = head.appender();
    app.append(SERIES, 1000, 1);
    app.append(SERIES, 9000, 2);
    app.commit();

    try (Querier q = head.querier(2000, 8000)) {
      assertThat(q.select(false, List.of(LabelMatcher.equal("job", "a"))).next()).isFalse();
    }
  }

  @Test
  void keepsSnapshotsStableWhileAppendingGoesOn() {
    Head head = new Head(HeadOptions.builder().samplesPerChunk(5).build());
    append(head, 0, 3);
    try (Querier q = head.querier(0, Long.MAX_VALUE)) {
      SeriesSet set = q.select(false, List.of(LabelMatcher.equal("job", "a")));
      append(head, 3, 20);

      assertThat(set.next()).isTrue();
      assertThat(drain(set.at().iterator())).containsExactly(0L, 1L, 2L);
    }
    assertThat(timestamps(head, 0, Long.MAX_VALUE)).hasSize(20);
  }

  @Test
  void truncationDropsOldChunksAndEmptySeries() {
    Head head = new Head(HeadOptions.builder().samplesPerChunk(10).build());
    Labels old = Labels.of("__name__", "gone", "job", "old");
    Appender app = head.appender();
    app.append(old, HOUR, 1);
    for (long t = 0; t < 100; t++) {
      app.append(SERIES, HOUR + t * 1000, t);
    }
    app.commit();

    head.truncateBefore(HOUR + 50_000);

    assertThat(timestamps(head, 0, Long.MAX_VALUE)).hasSize(50).first().isEqualTo(HOUR + 50_000);
    assertThat(head.stats().chunksRemoved()).isEqualTo(5 + 1);
    assertThat(head.stats().series()).isEqualTo(1);
    assertThat(head.minTime()).isEqualTo(HOUR + 50_000);
    try (Querier q = head.querier(0, Long.MAX_VALUE)) {
      assertThat(q.labelValues("job", List.of())).containsExactly("a");
      assertThat(q.labelValues("__name__", List.of(LabelMatcher.equal("job", "old")))).isEmpty();
    }
    Appender late = head.appender();
    assertThatThrownBy(() -> late.append(SERIES, HOUR, 1))
        .isInstanceOfSatisfying(
            SampleRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_OLD));
    late.append(old, HOUR + 200_000, 2); // a dropped series comes back as a new one
    late.commit();
    assertThat(head.stats().seriesCreated()).isEqualTo(3);
  }

  @Test
  void refusesWorkAfterClose() {
    Head head = new Head();
    head.close();

    assertThatThrownBy(head::appender).hasMessage("head is closed");
    assertThatThrownBy(() -> head.querier(0, 1)).hasMessage("head is closed");
  }

  @Test
  void rejectsOptionsOutOfRangeByName() {
    assertThatThrownBy(() -> HeadOptions.builder().samplesPerChunk(0).build())
        .hasMessageContaining("samplesPerChunk");
    assertThatThrownBy(() -> HeadOptions.builder().samplesPerChunk(70_000).build())
        .hasMessageContaining("samplesPerChunk");
    assertThatThrownBy(() -> HeadOptions.builder().chunkRangeMillis(0).build())
        .hasMessageContaining("chunkRangeMillis");
    assertThatThrownBy(() -> HeadOptions.builder().stripes(3).build())
        .hasMessageContaining("power of two");
  }

  private static void append(Head head, long from, long to) {
    Appender app = head.appender();
    for (long t = from; t < to; t++) {
      app.append(SERIES, t, t);
    }
    app.commit();
  }

  private static void rejected(Appender app, Labels l, long t, double v) {
    assertThatThrownBy(() -> app.append(l, t, v)).isInstanceOf(SampleRejectedException.class);
  }

  private static List<Long> timestamps(Head head, long minTime, long maxTime) {
    try (Querier q = head.querier(minTime, maxTime)) {
      SeriesSet set = q.select(false, List.of(LabelMatcher.equal("job", "a")));
      return set.next() ? drain(set.at().iterator()) : List.of();
    }
  }

  private static SampleIterator only(SeriesSet set) {
    assertThat(set.next()).isTrue();
    return set.at().iterator();
  }

  private static List<Long> drain(SampleIterator it) {
    List<Long> out = new ArrayList<>();
    while (it.next()) {
      out.add(it.timestamp());
    }
    return out;
  }
}
