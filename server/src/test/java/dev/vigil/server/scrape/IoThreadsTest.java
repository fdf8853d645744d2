package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scrape I/O threads: a thread per task in flight, so a blocked task never holds another. */
class IoThreadsTest {

  private final IoThreads threads = new IoThreads("test-io-");

  @AfterEach
  void shutdown() {
    threads.shutdown();
  }

  @Test
  void aBlockedTaskDoesNotHoldBackTheNext() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch secondRan = new CountDownLatch(1);

    threads.execute(
        () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    threads.execute(secondRan::countDown);

    assertThat(secondRan.await(10, TimeUnit.SECONDS)).isTrue();
    release.countDown();
  }

  @Test
  void runsTasksOnNamedDaemonThreads() throws Exception {
    AtomicReference<Thread> ran = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);

    threads.execute(
        () -> {
          ran.set(Thread.currentThread());
          done.countDown();
        });

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran.get().getName()).startsWith("test-io-");
    assertThat(ran.get().isDaemon()).isTrue();
  }

  @Test
  void keepsRunningTasksAfterOneThrows() throws Exception {
    CountDownLatch later = new CountDownLatch(3);

    for (int i = 0; i < 3; i++) {
      threads.execute(
          () -> {
            later.countDown();
            throw new IllegalStateException("a failing scrape");
          });
    }

    assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void runsManyTasksInSequenceOnReusedThreads() throws Exception {
    for (int i = 0; i < 50; i++) {
      CountDownLatch done = new CountDownLatch(1);
      threads.execute(done::countDown);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void shutdownEndsTheIdleThreads() throws Exception {
    AtomicReference<Thread> ran = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    threads.execute(
        () -> {
          ran.set(Thread.currentThread());
          done.countDown();
        });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

    threads.shutdown();

    ran.get().join(TimeUnit.SECONDS.toMillis(30));
    assertThat(ran.get().isAlive()).isFalse();
  }

  @Test
  void rejectsTasksAfterShutdown() {
    threads.shutdown();

    assertThatThrownBy(() -> threads.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("shut down");
  }
}
