package dev.vigil.server.scrape;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fires every scrape loop's ticks, each at a fixed rate, from one thread.
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: a tick fires a few times a second per target,
 * too rarely for its code to get compiled for the first minutes, and the executor's tick (delay
 * queue, condition wait, future task, re-queueing) then ran interpreted at ~0.3 ms of CPU per
 * tick. This loop is one monitor wait and one heap operation per tick. A tick must be quick (it
 * hands the scrape to another thread); a late tick is fired at once, ticks missed while the JVM
 * stood still are dropped rather than fired back to back, as Go's ticker does for Prometheus.
 *
 * <p>The thread sleeps in {@link LockSupport#parkNanos}, outside the queue's monitor, rather than
 * in {@code Object.wait}: a timed wait's wake-up then needs no monitor re-entry (one futex call
 * fewer per tick in strace), and a tick costs one timed wake and no more.
 */
final class ScrapeTimer {

  private static final Logger logger = System.getLogger(ScrapeTimer.class.getName());

  /** One loop's schedule; {@link #cancel} stops it. */
  static final class Slot implements Comparable<Slot> {
    private final ScrapeTimer timer;
    private final Runnable task;
    private final long periodNanos;
    private long due;

    private Slot(ScrapeTimer timer, Runnable task, long due, long periodNanos) {
      this.timer = timer;
      this.task = task;
      this.due = due;
      this.periodNanos = periodNanos;
    }

    @Override
    public int compareTo(Slot o) {
      return Long.compare(due - o.due, 0); // nanoTime values compare by difference
    }

    /** Stops future ticks; one already firing still completes. */
    void cancel() {
      timer.remove(this);
    }
  }

  private final PriorityQueue<Slot> queue = new PriorityQueue<>();
  private final Thread thread;
  private boolean closed;

  ScrapeTimer(String threadName) {
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs {@code task} after {@code delayMillis}, then every {@code periodMillis}. */
  synchronized Slot schedule(Runnable task, long delayMillis, long periodMillis) {
    if (periodMillis <= 0) {
      throw new IllegalArgumentException("period must be positive: " + periodMillis);
    }
    if (closed) {
      throw new IllegalStateException("scrape timer is closed");
    }
    Slot s =
        new Slot(
            this,
            task,
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMillis)),
            TimeUnit.MILLISECONDS.toNanos(periodMillis));
    queue.add(s);
    if (queue.peek() == s) {
      LockSupport.unpark(thread); // the thread sleeps until the old head's time
    }
    return s;
  }

  private synchronized void remove(Slot s) {
    queue.remove(s);
  }

  /** Stops the thread; no tick fires after this returns, except one already firing. */
  synchronized void close() {
    closed = true;
    queue.clear();
    LockSupport.unpark(thread);
  }

  private void run() {
    Slot next;
    while ((next = await()) != null) {
      try {
        next.task.run();
      } catch (RuntimeException e) {
        logger.log(Level.ERROR, "scrape tick failed", e); // the schedule goes on
      }
    }
  }

  /**
   * Waits for the next due slot and schedules its following tick; null once closed. An unpark
   * that comes between reading the queue and parking is not lost: the park then returns at once.
   */
  private Slot await() {
    while (true) {
      long wait;
      synchronized (this) {
        if (closed) {
          return null;
        }
        Slot head = queue.peek();
        long now = System.nanoTime();
        wait = head == null ? -1 : head.due - now;
        if (head != null && wait <= 0) {
          queue.poll();
          head.due += head.periodNanos;
          if (head.due - now <= 0) { // missed ticks (a stalled JVM): keep the phase, drop them
            long behind = now - head.due;
            head.due += (behind / head.periodNanos + 1) * head.periodNanos;
          }
          queue.add(head);
          return head;
        }
      }
      if (wait < 0) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, wait);
      }
      // Interrupts are not used to stop the timer (close() is); clear one so parks still wait.
      Thread.interrupted();
    }
  }
}
