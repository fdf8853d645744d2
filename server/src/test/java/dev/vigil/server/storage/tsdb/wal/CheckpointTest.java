package dev.vigil.server.storage.tsdb.wal;

import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.names;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.tsdb.wal.record.RecordDecoder;
import dev.vigil.server.storage.tsdb.wal.record.RecordEncoder;
import dev.vigil.server.storage.tsdb.wal.record.RefSample;
import dev.vigil.server.storage.tsdb.wal.record.RefSeries;
import dev.vigil.server.storage.tsdb.wal.record.SamplesRecord;
import dev.vigil.server.storage.tsdb.wal.record.SeriesRecord;
import dev.vigil.server.storage.tsdb.wal.record.WalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

  private static final WalOptions OPTIONS = WalOptions.defaults().withSegmentSize(4096);

  @TempDir Path tmp;
  private Path dir;
  /** Every record logged, with the segment it landed in. */
  private final List<Logged> logged = new ArrayList<>();

  private record Logged(WalRecord record, int segment) {}

  @BeforeEach
  void setUp() {
    dir = tmp.resolve("wal");
  }

  @Test
  void keepsOnlyLiveSeriesAndNewSamplesAndReplaysFromCheckpointPlusTail() throws Exception {
    LongPredicate even = ref -> ref % 2 == 0;
    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      writeScrapes(w, 0, 200);
      int through = w.currentSegment() / 2;

      CheckpointResult result = w.checkpoint(through, even, 60_000);

      List<Object> expected = new ArrayList<>(filter(entriesUpTo(through), even, 60_000));
      expected.addAll(entriesAfter(through));
      WalTestSupport.Replayed replayed = replay(dir);
      assertThat(flatten(replayed.records())).isEqualTo(expected);
      assertThat(replayed.result().checkpoint()).isEqualTo(through);
      assertThat(replayed.result().firstSegment()).isEqualTo(through + 1);

      List<Object> covered = entriesUpTo(through);
      assertThat(result.seriesKept() + result.seriesDropped())
          .isEqualTo(covered.stream().filter(e -> e instanceof RefSeries).count());
      assertThat(result.samplesKept())
          .isEqualTo(expected.stream().filter(e -> e instanceof RefSample).count()
              - entriesAfter(through).stream().filter(e -> e instanceof RefSample).count());
      assertThat(result.segmentsDeleted()).isEqualTo(through + 1);
      assertThat(Segment.list(dir)).allSatisfy(s -> assertThat(s.index()).isGreaterThan(through));
      assertThat(result.dir()).isEqualTo(dir.resolve("checkpoint." + Segment.fileName(through)));
      assertThat(w.stats().checkpoints()).isEqualTo(1);
    }
  }

  @Test
  void keepsWholeRecordsWhenEverythingInThemIsLive() throws Exception {
    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      writeScrapes(w, 0, 200);
      int through = w.currentSegment() / 2;

      CheckpointResult result = w.checkpoint(through, ref -> true, 0);

      assertThat(result.seriesDropped()).isZero();
      assertThat(result.samplesDropped()).isZero();
      List<Object> expected = new ArrayList<>(entriesUpTo(through));
      expected.addAll(entriesAfter(through));
      assertThat(flatten(replay(dir).records())).isEqualTo(expected);
    }
  }

  @Test
  void dropsRecordsWhollyBeforeTheMinimumTime() throws Exception {
    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      writeScrapes(w, 0, 200);
      int through = w.currentSegment();
      w.nextSegment();

      CheckpointResult result = w.checkpoint(through, ref -> true, 150_000);

      // Samples from 150 s on, and every series record (series are never dropped by time).
      assertThat(result.samplesKept()).isEqualTo(50 * 30);
      assertThat(flatten(replay(dir).records()))
          .isEqualTo(filter(entriesUpTo(through), ref -> true, 150_000));
    }
  }

  @Test
  void buildsOnThePreviousCheckpointAndDeletesIt() throws Exception {
    LongPredicate even = ref -> ref % 2 == 0;
    LongPredicate fourth = ref -> ref % 4 == 0;
    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      writeScrapes(w, 0, 120);
      int first = w.currentSegment() - 1;
      w.checkpoint(first, even, 30_000);
      writeScrapes(w, 120, 80);
      int second = w.nextSegment() - 1;

      w.checkpoint(second, fourth, 100_000);

      List<Object> afterFirst = new ArrayList<>(filter(entriesUpTo(first), even, 30_000));
      afterFirst.addAll(entriesBetween(first, second));
      List<Object> expected = filter(afterFirst, fourth, 100_000);
      assertThat(flatten(replay(dir).records())).isEqualTo(expected);
      assertThat(names(dir)).containsExactlyInAnyOrder(
          "checkpoint." + Segment.fileName(second), Segment.fileName(second + 1));
    }
  }

  @Test
  void refusesToCheckpointTheSegmentBeingWritten() throws Exception {
    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      writeScrapes(w, 0, 10);

      assertThatThrownBy(() -> w.checkpoint(w.currentSegment(), ref -> true, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the writer is still appending to segment");
    }
  }

  @Test
  void refusesACheckpointThatIsAlreadyCovered() throws Exception {
    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      writeScrapes(w, 0, 100);
      int through = w.nextSegment() - 1;
      w.checkpoint(through, ref -> true, 0);

      assertThatThrownBy(() -> w.checkpoint(through - 1, ref -> true, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("checkpoint checkpoint." + Segment.fileName(through)
              + " already covers segment " + Segment.fileName(through - 1));
    }
  }

  @Test
  void failsWithoutChangingAnythingWhenACoveredSegmentIsMissing() throws Exception {
    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      writeScrapes(w, 0, 100);
      int through = w.nextSegment() - 1;
      assertThat(through).isGreaterThanOrEqualTo(2);
      Files.delete(dir.resolve(Segment.fileName(1)));
      List<String> before = names(dir);

      assertThatThrownBy(() -> w.checkpoint(through, ref -> true, 0))
          .hasMessageContaining("segment 00000001 is missing");
      assertThat(names(dir)).isEqualTo(before);
    }
  }

  @Test
  void replayIgnoresLeftoversOfAnInterruptedCheckpointAndCleanup() throws Exception {
    int through;
    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      writeScrapes(w, 0, 100);
      through = w.currentSegment() - 1;
      w.checkpoint(through, ref -> true, 0);
    }
    List<Object> expected = flatten(replay(dir).records());
    // A crash during a later checkpoint leaves its .tmp directory, and a crash during cleanup
    // leaves covered segments; both must be invisible to replay.
    Path staleTmp = dir.resolve("checkpoint.00000099.tmp");
    Files.createDirectories(staleTmp);
    Files.write(staleTmp.resolve("00000000"), new byte[] {1, 2, 3});
    Files.write(dir.resolve(Segment.fileName(0)), new byte[] {9, 9, 9, 9});

    assertThat(flatten(replay(dir).records())).isEqualTo(expected);

    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      assertThat(w.currentSegment()).isGreaterThan(through);
      w.checkpoint(w.nextSegment() - 1, ref -> true, 0);
    }
    assertThat(Files.exists(staleTmp)).isFalse();
    assertThat(Files.exists(dir.resolve(Segment.fileName(0)))).isFalse();
    assertThat(flatten(replay(dir).records())).isEqualTo(expected);
  }

  @Test
  void writerContinuesAfterACheckpointThatCoversEverySegment() throws Exception {
    int last;
    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      writeScrapes(w, 0, 50);
      last = w.currentSegment();
    }
    Checkpoint.create(dir, last, ref -> ref < 5, 0, OPTIONS.segmentSize(), new WalStats());

    try (WalWriter w = WalWriter.open(dir, OPTIONS)) {
      assertThat(w.currentSegment()).isEqualTo(last + 1);
      writeScrapes(w, 50, 1);
    }

    WalTestSupport.Replayed replayed = replay(dir);
    assertThat(replayed.result().clean()).isTrue();
    assertThat(replayed.result().checkpoint()).isEqualTo(last);
    assertThat(flatten(replayed.records())).startsWith(filter(entriesUpTo(last), ref -> ref < 5, 0)
        .toArray());
  }

  /**
   * Logs {@code count} scrapes starting at scrape {@code from}: one samples record each, for 20
   * series at first and 30 from scrape 100 on, with the series definitions logged when new.
   */
  private void writeScrapes(WalWriter w, int from, int count) throws Exception {
    for (int t = from; t < from + count; t++) {
      if (t == 0 || t == 100) {
        List<RefSeries> series = new ArrayList<>();
        for (int ref = t == 0 ? 1 : 21; ref <= (t == 0 ? 20 : 30); ref++) {
          series.add(new RefSeries(ref,
              Labels.of("__name__", "requests_total", "instance", "host-" + ref + ":9100")));
        }
        log(w, new SeriesRecord(series));
      }
      List<RefSample> samples = new ArrayList<>();
      for (int ref = 1; ref <= (t < 100 ? 20 : 30); ref++) {
        samples.add(new RefSample(ref, t * 1000L, t * 10.0 + ref));
      }
      log(w, new SamplesRecord(samples));
    }
  }

  private void log(WalWriter w, WalRecord record) throws Exception {
    w.commit(List.of(RecordEncoder.encode(record)));
    logged.add(new Logged(RecordDecoder.decode(RecordEncoder.encode(record)), w.currentSegment()));
  }

  private List<Object> entriesUpTo(int segment) {
    return entriesBetween(-1, segment);
  }

  private List<Object> entriesAfter(int segment) {
    return entriesBetween(segment, Integer.MAX_VALUE);
  }

  /** Entries logged into segments in (after, through]. */
  private List<Object> entriesBetween(int after, int through) {
    return flatten(logged.stream()
        .filter(l -> l.segment() > after && l.segment() <= through)
        .map(Logged::record)
        .toList());
  }

  private static List<Object> flatten(List<WalRecord> records) {
    List<Object> out = new ArrayList<>();
    for (WalRecord r : records) {
      if (r instanceof SeriesRecord s) {
        out.addAll(s.series());
      } else {
        out.addAll(((SamplesRecord) r).samples());
      }
    }
    return out;
  }

  /** The reference semantics of a checkpoint, written independently of the implementation. */
  private static List<Object> filter(List<Object> entries, LongPredicate keep, long minTime) {
    List<Object> out = new ArrayList<>();
    for (Object e : entries) {
      if (e instanceof RefSeries s && keep.test(s.ref())) {
        out.add(e);
      } else if (e instanceof RefSample s && keep.test(s.ref()) && s.timestamp() >= minTime) {
        out.add(e);
      }
    }
    return out;
  }
}
