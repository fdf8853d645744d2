package dev.vigil.server.storage.tsdb.headchunks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.tsdb.head.CommitLog;
import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.storage.tsdb.head.HeadOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head with its sealed chunks in a {@link HeadChunkStore}: what queries see is unchanged. */
class HeadOnChunkStoreTest {

  private static final LabelMatcher ALL = LabelMatcher.of(LabelMatcher.Type.REGEX, "job", ".+");
  private static final int SEGMENT = 64 << 10;

  @TempDir Path dir;

  private static Head head(HeadChunkStore store) {
    return new Head(HeadOptions.builder().samplesPerChunk(30).minValidTime(0).build(),
        CommitLog.NONE, store);
  }

  /** Ten series (8 float gauges, a counter, a constant) every second over {@code [from, to)}. */
  private static void fill(Head head, long from, long to) {
    for (long t = from; t < to; t += 1000) {
      Appender app = head.appender();
      for (int g = 0; g < 8; g++) {
        app.append(Labels.of("__name__", "gauge", "job", "a", "g", "" + g), t,
            Math.sin(t / (7e3 + g)) * 1e3);
      }
      app.append(Labels.of("__name__", "counter", "job", "a"), t, t / 100);
      app.append(Labels.of("__name__", "const", "job", "a"), t, 1);
      app.commit();
    }
  }

  private static Map<String, List<String>> contents(SeriesSet set) {
    Map<String, List<String>> out = new TreeMap<>();
    while (set.next()) {
      List<String> samples = new ArrayList<>();
      SampleIterator it = set.at().iterator();
      while (it.next()) {
        samples.add(it.timestamp() + "=" + it.value());
      }
      out.put(set.at().labels().toString(), samples);
    }
    return out;
  }

  private static Map<String, List<String>> contents(Head head, long from, long to) {
    try (Querier q = head.querier(from, to)) {
      return contents(q.select(true, List.of(ALL)));
    }
  }

  @Test
  void queriesSeeTheSameSamplesAsWithChunksOnTheHeap() throws IOException {
    Head onHeap = head(null);
    try (HeadChunkStore store = HeadChunkStore.open(dir, SEGMENT)) {
      Head onFile = head(store);
      fill(onHeap, 0, 600_000);
      fill(onFile, 0, 600_000);

      assertThat(store.fileBytes()).isGreaterThan(HeadChunkStore.SEGMENT_HEADER_BYTES);
      assertThat(contents(onFile, 0, 600_000)).isEqualTo(contents(onHeap, 0, 600_000));
      assertThat(contents(onFile, 123_456, 345_678))
          .isEqualTo(contents(onHeap, 123_456, 345_678))
          .allSatisfy((k, v) -> assertThat(v).hasSize(222));
    }
  }

  @Test
  void aFullDiskLeavesSealedChunksOnTheHeapAndLosesNothing() throws IOException {
    HeadChunkStore.FileOpener full = p -> new RandomAccessFile(p.toFile(), "rw") {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len > HeadChunkStore.SEGMENT_HEADER_BYTES) {
          throw new IOException("No space left on device");
        }
        super.write(b, off, len);
      }
    };
    Head onHeap = head(null);
    try (HeadChunkStore store = HeadChunkStore.open(dir, SEGMENT, full)) {
      Head head = head(store);
      fill(onHeap, 0, 300_000);
      fill(head, 0, 300_000);

      // 300 samples in chunks of 30: 9 sealed per series, the 10th open; 10 series.
      assertThat(store.writeFailures()).isEqualTo(10 * 9);
      assertThat(contents(head, 0, 300_000)).isEqualTo(contents(onHeap, 0, 300_000));
    }
  }

  @Test
  void truncatingTheHeadDeletesSegmentsItNoLongerAddresses() throws IOException {
    try (HeadChunkStore store = HeadChunkStore.open(dir, SEGMENT)) {
      Head head = head(store);
      fill(head, 0, 3_600_000);
      int before = store.segments();
      assertThat(before).isGreaterThan(2);

      head.truncateBefore(3_000_000);

      assertThat(store.segments()).isLessThan(before);
      Map<String, List<String>> left = contents(head, 0, 3_600_000);
      assertThat(left).hasSize(10).allSatisfy((k, v) -> {
        // Whole chunks of 30 samples are kept from the one holding 3,000,000 on.
        assertThat(v).hasSize(600).first().asString().startsWith("3000000=");
      });
    }
  }

  @Test
  void aQueryKeepsReadingWhatItSelectedWhileTruncationDeletesTheFiles() throws IOException {
    try (HeadChunkStore store = HeadChunkStore.open(dir, SEGMENT)) {
      Head head = head(store);
      fill(head, 0, 3_600_000);
      Map<String, List<String>> expected = contents(head, 0, 1_000_000);
      try (Querier q = head.querier(0, 1_000_000)) {
        SeriesSet selected = q.select(true, List.of(ALL));

        head.truncateBefore(3_000_000);
        assertThat(dir.resolve("00000001")).doesNotExist();

        assertThat(contents(selected)).isEqualTo(expected);
      }
      assertThat(contents(head, 0, 1_000_000)).isEmpty();
    }
  }
}
