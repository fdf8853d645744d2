package dev.vigil.server.scrape;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs blocking scrapes, one thread per scrape in flight: a task goes to the most recently idled
 * thread, or to a new one; a thread idle for {@link #KEEP_ALIVE_NANOS} exits.
 *
 * <p>Why not a cached {@code ThreadPoolExecutor}: a task arrives a few times a second per target,
 * so its hand-off (worker bookkeeping, a {@code SynchronousQueue} transfer that spins, then parks)
 * ran interpreted for minutes; here it is a deque pop and one notify. The most recently idled
 * thread is reused so that, with scrapes spread over the interval, one or two threads stay warm and
 * the rest time out.
 */
final class IoThreads implements Executor {

  private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final String namePrefix;
  private final ArrayDeque<Worker> idle = new ArrayDeque<>();
  private int created;
  private boolean shutdown;

  IoThreads(String namePrefix) {
    this.namePrefix = namePrefix;
  }

  /** Runs {@code task} on an idle thread or a new one; rejects it after {@link #shutdown}. */
  @Override
  public void execute(Runnable task) {
    Worker w;
    synchronized (this) {
      if (shutdown) {
        throw new RejectedExecutionException("scrape I/O threads are shut down");
      }
      w = idle.pollLast();
      if (w == null) {
        Thread t = new Thread(new Worker(task)::run, namePrefix + ++created);
        t.setDaemon(true);
        t.start();
        return;
      }
    }
    w.hand(task);
  }

  /** Lets running tasks finish and idle threads exit; later tasks are rejected. */
  void shutdown() {
    Worker[] waiting;
    synchronized (this) {
      shutdown = true;
      waiting = idle.toArray(Worker[]::new);
      idle.clear();
    }
    for (Worker w : waiting) {
      w.hand(null);
    }
  }

  /** Whether {@code w} may stop: still idle (nobody took it) after its keep-alive. */
  private synchronized boolean retire(Worker w) {
    return idle.remove(w);
  }

  /** Parks {@code w} as idle; false when shut down (the thread should exit). */
  private synchronized boolean park(Worker w) {
    if (shutdown) {
      return false;
    }
    idle.addLast(w);
    return true;
  }

  private final class Worker {
    private Runnable task;
    /** Set with a null task: the pool was shut down while this thread was idle. */
    private boolean handed;

    Worker(Runnable first) {
      this.task = first;
      this.handed = true;
    }

    synchronized void hand(Runnable t) {
      task = t;
      handed = true;
      notify();
    }

    void run() {
      Runnable next = take();
      while (next != null) {
        try {
          next.run();
        } catch (RuntimeException e) {
          Thread t = Thread.currentThread();
          t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
        if (!park(this)) {
          return;
        }
        next = awaitTask();
      }
    }

    private synchronized Runnable take() {
      Runnable t = task;
      task = null;
      handed = false;
      return t;
    }

    /**
     * The next task, or null when the pool shut down or this thread idled out. Interrupts are
     * ignored: nothing here uses them, and shutdown hands every idle thread a null task.
     */
    private synchronized Runnable awaitTask() {
      long deadline = System.nanoTime() + KEEP_ALIVE_NANOS;
      boolean taken = false;
      while (!handed) {
        long left = deadline - System.nanoTime();
        try {
          if (left > 0 || taken) {
            TimeUnit.NANOSECONDS.timedWait(this, taken ? KEEP_ALIVE_NANOS : left);
          } else if (retire(this)) {
            return null;
          } else {
            taken = true; // popped by execute() just now: its task is on the way
          }
        } catch (InterruptedException ignored) {
          // see above
        }
      }
      return take();
    }
  }
}
