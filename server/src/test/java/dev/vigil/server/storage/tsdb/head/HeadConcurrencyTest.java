package dev.vigil.server.storage.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several writers commit to their own series while queriers read: no committed sample may be lost
 * and a querier must always see a gap-free prefix of each series.
 */
class HeadConcurrencyTest {

  private static final int WRITERS = 4;
  private static final int SERIES_PER_WRITER = 60;
  private static final int BATCHES = 300;
  private static final int READERS = 2;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a deadlock guard, not a speed check
  void losesNoSampleWhileWritersAndReadersRunTogether() throws InterruptedException {
    // Few stripes and small chunks so threads share locks and cut chunks under contention.
    Head head = new Head(HeadOptions.builder().stripes(4).samplesPerChunk(16).build());
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong queries = new AtomicLong();
    CountDownLatch writersDone = new CountDownLatch(WRITERS);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      threads.add(
          new Thread(
              () -> {
                try {
                  write(head, writer);
                } catch (Throwable t) {
                  failures.add(t);
                } finally {
                  writersDone.countDown();
                }
              }));
    }
    for (int r = 0; r < READERS; r++) {
      threads.add(
          new Thread(
              () -> {
                try {
                  do {
                    checkPrefixes(head);
                    queries.incrementAndGet();
                  } while (writing.get());
                } catch (Throwable t) {
                  failures.add(t);
                }
              }));
    }
    threads.forEach(Thread::start);
    writersDone.await();
    writing.set(false);
    for (Thread t : threads) {
      t.join();
    }

    assertThat(failures).isEmpty();
    assertThat(queries.get()).isPositive();
    long expected = (long) WRITERS * SERIES_PER_WRITER * BATCHES;
    assertThat(head.stats().samplesAppended()).isEqualTo(expected);
    assertThat(head.stats().series()).isEqualTo(WRITERS * SERIES_PER_WRITER);
    assertThat(checkPrefixes(head)).isEqualTo(expected);
  }

  /**
   * Commits batch k (timestamp k*1000, value k) for each of the writer's series; some roll back.
   */
  private static void write(Head head, int writer) {
    Labels[] own = new Labels[SERIES_PER_WRITER];
    for (int i = 0; i < own.length; i++) {
      own[i] = Labels.of("__name__", "load", "writer", "w" + writer, "i", Integer.toString(i));
    }
    for (int k = 0; k < BATCHES; k++) {
      if (k % 7 == 3) {
        Appender discarded = head.appender();
        for (Labels l : own) {
          discarded.append(l, k * 1000L, -1);
        }
        discarded.rollback();
      }
      Appender app = head.appender();
      for (Labels l : own) {
        app.append(l, k * 1000L, k);
      }
      app.commit();
    }
  }

  /** Asserts every series holds samples 0, 1, ... n-1 without gaps; returns the total. */
  private static long checkPrefixes(Head head) {
    long total = 0;
    try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(false, List.of(LabelMatcher.equal("__name__", "load")));
      while (set.next()) {
        SampleIterator it = set.at().iterator();
        long k = 0;
        while (it.next()) {
          assertThat(it.timestamp()).as("%s", set.at().labels()).isEqualTo(k * 1000);
          assertThat(it.value()).isEqualTo(k);
          k++;
        }
        total += k;
      }
    }
    return total;
  }
}
