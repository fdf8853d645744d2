package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timer's own-thread slots: the first slots each get a thread that sleeps until due and runs
 * the tick itself (where a scrape may block), later ones share the timer thread.
 */
class ScrapeTimerOwnThreadsTest {

  private final ScrapeTimer timer = new ScrapeTimer("test-shared-1", 2, "test-own-");

  @AfterEach
  void close() {
    timer.close();
  }

  @Test
  void givesTheFirstSlotsAThreadEachAndLetsOnlyThoseBlock() throws Exception {
    Map<Integer, String> threadOf = new ConcurrentHashMap<>();
    Map<Integer, Boolean> mayBlock = new ConcurrentHashMap<>();
    CountDownLatch ticked = new CountDownLatch(3);
    for (int i = 0; i < 3; i++) {
      int slot = i;
      timer.schedule(
          () -> {
            if (threadOf.putIfAbsent(slot, Thread.currentThread().getName()) == null) {
              mayBlock.put(slot, ScrapeTimer.mayBlock());
              ticked.countDown();
            }
          },
          0,
          TimeUnit.HOURS.toMillis(1));
    }

    assertThat(ticked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(threadOf).containsEntry(0, "test-own-1").containsEntry(1, "test-own-2");
    assertThat(threadOf).containsEntry(2, "test-shared-1");
    assertThat(mayBlock).containsEntry(0, true).containsEntry(1, true).containsEntry(2, false);
    assertThat(ScrapeTimer.mayBlock()).as("a caller's thread").isFalse();
  }

  @Test
  void countsTheTicksThatCameDueWhileAnOwnSlotsTickStillRan() throws Exception {
    AtomicInteger missed = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch thirdRun = new CountDownLatch(1);
    timer.schedule(
        () -> {
          if (runs.incrementAndGet() == 1) {
            await(release); // a slow scrape
          } else if (runs.get() == 3) {
            thirdRun.countDown();
          }
        },
        missed::addAndGet,
        0,
        5);
    // Ten periods and more pass while the first tick blocks.
    Thread.sleep(50);
    release.countDown();

    assertThat(thirdRun.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(missed.get()).isGreaterThanOrEqualTo(9);
  }

  @Test
  void aCancelledOwnSlotsThreadEndsAndItsPlaceGoesToTheNextSlot() throws Exception {
    AtomicReference<Thread> first = new AtomicReference<>();
    CountDownLatch firstTicked = new CountDownLatch(1);
    ScrapeTimer.Slot slot =
        timer.schedule(
            () -> {
              first.set(Thread.currentThread());
              firstTicked.countDown();
            },
            0,
            TimeUnit.HOURS.toMillis(1));
    assertThat(firstTicked.await(10, TimeUnit.SECONDS)).isTrue();

    slot.cancel();
    first.get().join(TimeUnit.SECONDS.toMillis(30));

    assertThat(first.get().isAlive()).isFalse();
    AtomicReference<String> next = new AtomicReference<>();
    CountDownLatch nextTicked = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      timer.schedule(
          () -> {
            next.compareAndSet(null, Thread.currentThread().getName());
            nextTicked.countDown();
          },
          0,
          TimeUnit.HOURS.toMillis(1));
    }
    assertThat(nextTicked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(next.get()).startsWith("test-own-");
  }

  @Test
  void closeEndsTheOwnThreads() throws Exception {
    AtomicReference<Thread> thread = new AtomicReference<>();
    CountDownLatch ticked = new CountDownLatch(1);
    timer.schedule(
        () -> {
          thread.set(Thread.currentThread());
          ticked.countDown();
        },
        0,
        TimeUnit.HOURS.toMillis(1));
    assertThat(ticked.await(10, TimeUnit.SECONDS)).isTrue();

    timer.close();

    thread.get().join(TimeUnit.SECONDS.toMillis(30));
    assertThat(thread.get().isAlive()).isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
