package dev.vigil.server.storage.tsdb.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.storage.tsdb.wal.record.RecordDecoder;
import dev.vigil.server.storage.tsdb.wal.record.RecordEncoder;
import dev.vigil.server.storage.tsdb.wal.record.RefSample;
import dev.vigil.server.storage.tsdb.wal.record.SamplesRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many committers, one writer: every committed record is in the log, in each committer's order. */
class GroupCommitTest {

  private static final int THREADS = 8;
  private static final int COMMITS = 150;

  @TempDir Path tmp;

  @Test
  void replaysEveryRecordCommittedConcurrently() throws Exception {
    Path dir = tmp.resolve("wal");
    // Small segments so rollovers happen while other threads write and fsync.
    WalOptions options = WalOptions.defaults().withSegmentSize(16 * 1024);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (WalWriter w = WalWriter.open(dir, options)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        int id = thread;
        done.add(pool.submit(() -> {
          start.await();
          for (int seq = 0; seq < COMMITS; seq++) {
            w.commit(List.of(RecordEncoder.samples(List.of(new RefSample(id, seq, seq)))));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }

      // Replay while the writer is still open: commit put everything in the OS already.
      assertEverythingReplayed(dir);
      assertThat(w.stats().recordsWritten()).isEqualTo(THREADS * COMMITS);
      assertThat(w.stats().fsyncs()).isBetween(1L, (long) THREADS * COMMITS
          + w.stats().segmentsCreated());
    } finally {
      pool.shutdownNow();
    }
    assertEverythingReplayed(dir);
  }

  private static void assertEverythingReplayed(Path dir) throws Exception {
    Map<Long, List<Long>> seqByThread = new HashMap<>();
    ReplayResult result = WalReader.replay(dir, payload -> {
      for (RefSample s : ((SamplesRecord) RecordDecoder.decode(payload)).samples()) {
        seqByThread.computeIfAbsent(s.ref(), k -> new ArrayList<>()).add(s.timestamp());
      }
    });
    assertThat(result.clean()).isTrue();
    assertThat(seqByThread).hasSize(THREADS);
    List<Long> expected = new ArrayList<>();
    for (long seq = 0; seq < COMMITS; seq++) {
      expected.add(seq);
    }
    seqByThread.values().forEach(seqs -> assertThat(seqs).isEqualTo(expected));
  }
}
