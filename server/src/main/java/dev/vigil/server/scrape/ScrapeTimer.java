package dev.vigil.server.scrape;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

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
 *
 * <p>The first {@code ownThreads} slots instead get a {@link TickThread} of their own, which sleeps
 * until its slot is due and runs the tick itself; a blocking scrape started there runs on it too
 * ({@link #mayBlock}), so a scrape is one wake-up (the timed one) rather than two (the timer's,
 * then the I/O thread's it hands the scrape to: ~45 us of CPU each on this VM, which at 500
 * samples a scrape was ~0.1 s per million samples). Such a slot's ticks that come due while its
 * tick still runs are dropped and counted to the slot's {@code missed} consumer (with one thread
 * for all, the tick fires and the scrape loop counts it as skipped). A cap, since a thread per
 * target does not scale to thousands of targets; past it, slots share the one thread.
 */
final class ScrapeTimer {

  private static final Logger logger = System.getLogger(ScrapeTimer.class.getName());

  /** One loop's schedule; {@link #cancel} stops it. */
  static final class Slot implements Comparable<Slot> {
    private final ScrapeTimer timer;
    private final Runnable task;
    private final IntConsumer missed;
    private final long periodNanos;
    private long due;
    /** The slot's own thread, or null when it is on the shared queue. */
    private TickThread own;

    private Slot(ScrapeTimer timer, Runnable task, IntConsumer missed, long due, long periodNanos) {
      this.timer = timer;
      this.task = task;
      this.missed = missed;
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
  private final String ownThreadPrefix;
  private final int ownThreads;
  private final List<TickThread> owned = new ArrayList<>();
  private int ownThreadsStarted;
  private boolean closed;

  /** A timer whose slots all share one thread. */
  ScrapeTimer(String threadName) {
    this(threadName, 0, null);
  }

  /**
   * A timer whose first {@code ownThreads} slots get a thread of their own, named {@code
   * ownThreadPrefix} and a number (keep it short: Linux shows 15 characters of a thread's name).
   */
  ScrapeTimer(String threadName, int ownThreads, String ownThreadPrefix) {
    this.ownThreadPrefix = ownThreadPrefix;
    this.ownThreads = ownThreads;
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Whether the calling thread may block on a scrape: a slot's own thread, which delays nothing but
   * its own slot's later ticks, so a scrape started from its tick can run there without a hand-off.
   */
  static boolean mayBlock() {
    return Thread.currentThread() instanceof TickThread;
  }

  /** Runs {@code task} after {@code delayMillis}, then every {@code periodMillis}. */
  Slot schedule(Runnable task, long delayMillis, long periodMillis) {
    return schedule(task, n -> {}, delayMillis, periodMillis);
  }

  /**
   * Runs {@code task} after {@code delayMillis}, then every {@code periodMillis}; {@code missed}
   * learns how many ticks of a slot with its own thread were dropped because its tick still ran.
   */
  synchronized Slot schedule(
      Runnable task, IntConsumer missed, long delayMillis, long periodMillis) {
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
            missed,
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMillis)),
            TimeUnit.MILLISECONDS.toNanos(periodMillis));
    if (owned.size() < ownThreads) {
      s.own = new TickThread(s, ownThreadPrefix + ++ownThreadsStarted);
      owned.add(s.own);
      s.own.start();
      return s;
    }
    queue.add(s);
    if (queue.peek() == s) {
      LockSupport.unpark(thread); // the thread sleeps until the old head's time
    }
    return s;
  }

  private synchronized void remove(Slot s) {
    if (s.own != null) {
      owned.remove(s.own); // its place goes to the next slot scheduled
      s.own.finish();
    } else {
      queue.remove(s);
    }
  }

  /** Stops the threads; no tick fires after this returns, except ones already firing. */
  synchronized void close() {
    closed = true;
    queue.clear();
    for (TickThread t : owned) {
      t.finish();
    }
    owned.clear();
    LockSupport.unpark(thread);
  }

  /**
   * Advances {@code s} past {@code now} by whole periods; how many ticks that dropped (ticks missed
   * while the JVM stood still, or while the slot's own thread still ran its last tick).
   */
  private static int advance(Slot s, long now) {
    s.due += s.periodNanos;
    return dropDue(s, now);
  }

  /** Moves {@code s} past {@code now} by whole periods; how many due ticks that dropped. */
  private static int dropDue(Slot s, long now) {
    if (s.due - now > 0) {
      return 0;
    }
    long dropped = (now - s.due) / s.periodNanos + 1;
    s.due += dropped * s.periodNanos;
    return (int) Math.min(Integer.MAX_VALUE, dropped);
  }

  /** One slot's thread: sleeps until the slot is due and runs its tick, until stopped. */
  private static final class TickThread extends Thread {
    private final Slot slot;
    private volatile boolean stopped;

    TickThread(Slot slot, String name) {
      super(name);
      this.slot = slot;
      setDaemon(true);
    }

    /** Ends the thread after its running tick, if any. */
    void finish() {
      stopped = true;
      LockSupport.unpark(this);
    }

    @Override
    public void run() {
      Slot s = slot;
      while (!stopped) {
        long wait = s.due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(this, wait);
          Thread.interrupted(); // see await(): interrupts do not stop the timer
          continue;
        }
        advance(s, System.nanoTime()); // ticks missed by a stalled JVM: dropped, as on the shared one
        try {
          s.task.run();
          // Ticks that came due while this one ran (a slow scrape): the shared thread fires them
          // on time and the loop counts them skipped, its scrape still running. Here they are
          // dropped and counted the same way, and the next tick keeps the slot's phase.
          int skipped = dropDue(s, System.nanoTime());
          if (skipped > 0) {
            s.missed.accept(skipped);
          }
        } catch (RuntimeException e) {
          logger.log(Level.ERROR, "scrape tick failed", e); // the schedule goes on
        }
      }
    }
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
          advance(head, now); // missed ticks (a stalled JVM): keep the phase, drop them
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
