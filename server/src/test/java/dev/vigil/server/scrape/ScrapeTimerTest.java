package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scrape ticks' timer: fixed-rate slots on one thread, cancellable, robust to bad ticks. */
class ScrapeTimerTest {

  private final ScrapeTimer timer = new ScrapeTimer("test-scrape-timer");

  @AfterEach
  void close() {
    timer.close();
  }

  @Test
  void firesASlotAgainEveryPeriod() throws Exception {
    CountDownLatch ticks = new CountDownLatch(3);

    timer.schedule(ticks::countDown, 0, 5);

    assertThat(ticks.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void firesAllTicksOnTheTimerThread() throws Exception {
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch ticks = new CountDownLatch(4);

    for (int i = 0; i < 2; i++) {
      timer.schedule(
          () -> {
            threads.add(Thread.currentThread().getName());
            ticks.countDown();
          },
          0,
          5);
    }

    assertThat(ticks.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(threads).containsOnly("test-scrape-timer");
  }

  @Test
  void aSlotDueBeforeTheSleepingTimersNextOneWakesIt() throws Exception {
    timer.schedule(() -> {}, TimeUnit.HOURS.toMillis(1), TimeUnit.HOURS.toMillis(1));
    CountDownLatch early = new CountDownLatch(1);

    timer.schedule(early::countDown, 0, TimeUnit.HOURS.toMillis(1));

    assertThat(early.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void closeEndsTheTimerThread() throws Exception {
    ScrapeTimer other = new ScrapeTimer("test-scrape-timer-closed");
    AtomicReference<Thread> thread = new AtomicReference<>();
    CountDownLatch ticked = new CountDownLatch(1);
    other.schedule(
        () -> {
          thread.set(Thread.currentThread());
          ticked.countDown();
        },
        0,
        TimeUnit.HOURS.toMillis(1));
    assertThat(ticked.await(10, TimeUnit.SECONDS)).isTrue();

    other.close();

    thread.get().join(TimeUnit.SECONDS.toMillis(30));
    assertThat(thread.get().isAlive()).isFalse();
  }

  @Test
  void aCancelledSlotNoLongerFiresWhileOthersGoOn() throws Exception {
    AtomicInteger cancelledTicks = new AtomicInteger();
    CountDownLatch firstTick = new CountDownLatch(1);
    ScrapeTimer.Slot slot =
        timer.schedule(
            () -> {
              cancelledTicks.incrementAndGet();
              firstTick.countDown();
            },
            0,
            5);
    assertThat(firstTick.await(10, TimeUnit.SECONDS)).isTrue();

    slot.cancel();
    int atCancel = cancelledTicks.get();
    // Ticks of another slot on the same thread: had the cancelled one stayed queued, it would
    // have fired in between (same period, scheduled earlier).
    CountDownLatch other = new CountDownLatch(5);
    timer.schedule(other::countDown, 0, 5);

    assertThat(other.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cancelledTicks).hasValueLessThanOrEqualTo(atCancel + 1); // one may be firing
  }

  @Test
  void aTickThatThrowsDoesNotStopTheSchedule() throws Exception {
    CountDownLatch ticks = new CountDownLatch(3);

    timer.schedule(
        () -> {
          ticks.countDown();
          throw new IllegalStateException("a broken tick");
        },
        0,
        5);

    assertThat(ticks.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void refusesSchedulesAfterClose() {
    timer.close();

    assertThatThrownBy(() -> timer.schedule(() -> {}, 0, 5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void rejectsANonPositivePeriod() {
    assertThatThrownBy(() -> timer.schedule(() -> {}, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period");
  }
}
