package dev.vigil.server.storage.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.tsdb.headchunks.HeadChunkStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncation running alongside writers and readers: everything at or after the last truncation
 * point survives, and readers only ever see gap-free runs, also while the sealed chunks they read
 * sit in files that truncation deletes.
 */
class HeadTruncationConcurrencyTest {

  private static final int WRITERS = 3;
  private static final int SERIES_PER_WRITER = 40;
  private static final int BATCHES = 400;
  private static final long STEP = 1000;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a deadlock guard, not a speed check
  void keepsEverySampleAfterTheTruncationPoint() throws InterruptedException {
    truncateWhileWritingAndReading(
        new Head(HeadOptions.builder().stripes(4).samplesPerChunk(8).build()));
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a deadlock guard, not a speed check
  void keepsEverySampleWhileTruncationDeletesChunkFilesReadersMayStillHold(@TempDir Path dir)
      throws InterruptedException, IOException {
    try (HeadChunkStore store = HeadChunkStore.open(dir, 64 << 10)) {
      truncateWhileWritingAndReading(new Head(
          HeadOptions.builder().stripes(4).samplesPerChunk(8).build(), CommitLog.NONE, store));
      assertThat(dir.resolve("00000001")).doesNotExist(); // segments were deleted meanwhile
      assertThat(store.segments()).isPositive();
      assertThat(store.writeFailures()).isZero();
      assertThat(store.corruptions()).isZero();
    }
  }

  private static void truncateWhileWritingAndReading(Head head) throws InterruptedException {
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLongArray progress = new AtomicLongArray(WRITERS);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(guarded(failures, () -> write(head, writer, progress)));
    }
    List<Thread> others = new ArrayList<>();
    others.add(
        guarded(
            failures,
            () -> {
              while (running.get()) {
                // Stay 20 batches behind the slowest writer, so no live series is dropped whole.
                long slowest = Long.MAX_VALUE;
                for (int w = 0; w < WRITERS; w++) {
                  slowest = Math.min(slowest, progress.get(w));
                }
                if (slowest > 20) {
                  head.truncateBefore((slowest - 20) * STEP);
                }
                Thread.yield();
              }
            }));
    others.add(
        guarded(
            failures,
            () -> {
              while (running.get()) {
                readRuns(head);
              }
            }));
    writers.forEach(Thread::start);
    others.forEach(Thread::start);
    for (Thread t : writers) {
      t.join();
    }
    running.set(false);
    for (Thread t : others) {
      t.join();
    }

    assertThat(failures).isEmpty();
    long cut = head.minValidTime();
    assertThat(cut).isPositive();
    try (Querier q = head.querier(cut, Long.MAX_VALUE)) {
      SeriesSet set = q.select(false, List.of(LabelMatcher.equal("__name__", "trunc")));
      int series = 0;
      while (set.next()) {
        series++;
        SampleIterator it = set.at().iterator();
        for (long t = cut; t < BATCHES * STEP; t += STEP) {
          assertThat(it.next()).as("%s at %d", set.at().labels(), t).isTrue();
          assertThat(it.timestamp()).isEqualTo(t);
        }
        assertThat(it.next()).isFalse();
      }
      assertThat(series).isEqualTo(WRITERS * SERIES_PER_WRITER);
    }
    assertThat(head.stats().chunksRemoved()).isPositive();
  }

  private static void write(Head head, int writer, AtomicLongArray progress) {
    Labels[] own = new Labels[SERIES_PER_WRITER];
    for (int i = 0; i < own.length; i++) {
      own[i] = Labels.of("__name__", "trunc", "writer", "w" + writer, "i", Integer.toString(i));
    }
    for (int k = 0; k < BATCHES; k++) {
      Appender app = head.appender();
      for (Labels l : own) {
        app.append(l, k * STEP, k);
      }
      app.commit();
      progress.set(writer, k);
    }
  }

  /** Asserts each series is a gap-free run of steps. */
  private static void readRuns(Head head) {
    try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(false, List.of(LabelMatcher.equal("__name__", "trunc")));
      while (set.next()) {
        SampleIterator it = set.at().iterator();
        long previous = Long.MIN_VALUE;
        while (it.next()) {
          if (previous != Long.MIN_VALUE) {
            assertThat(it.timestamp()).as("%s", set.at().labels()).isEqualTo(previous + STEP);
          }
          assertThat(it.value()).isEqualTo(it.timestamp() / STEP);
          previous = it.timestamp();
        }
      }
    }
  }

  private static Thread guarded(Queue<Throwable> failures, Runnable body) {
    return new Thread(
        () -> {
          try {
            body.run();
          } catch (Throwable t) {
            failures.add(t);
          }
        });
  }
}
