package dev.vigil.server.scrape;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs blocking scrapes, one thread per scrape in flight: a task goes to the most recently idled
 * thread, or to a new one; a thread idle for {@link #KEEP_ALIVE_NANOS} exits.
 *
 * <p>Why not a cached {@code ThreadPoolExecutor}: a task arrives a few times a second per target,
 * so its hand-off (worker bookkeeping, a {@code SynchronousQueue} transfer that spins, then parks)
 * ran interpreted for minutes; here it is a deque pop and one unpark. The most recently idled
 * thread is reused so that, with scrapes spread over the interval, one or two threads stay warm and
 * the rest time out.
 *
 * <p>An idle thread waits with {@link LockSupport#parkNanos} on a volatile hand-off slot, not in
 * {@code Object.wait}: a woken waiter must re-enter the monitor, which the notifier may still hold,
 * and that cost an extra futex call on both threads per hand-off (strace; ~9 us more CPU per wake
 * on this VM, one wake per scrape).
 */
final class IoThreads implements Executor {

  private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** Handed to an idle thread at shutdown: exit instead of running a task. */
  private static final Runnable STOP = () -> {};

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
        new Worker(task, namePrefix + ++created).thread.start();
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
      w.hand(STOP);
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
    final Thread thread;
    /** The first task, run without a hand-off. */
    private Runnable first;
    /**
     * The task handed to this idle thread, null while none is; only {@link #execute} and {@link
     * #shutdown} write it, after taking the thread off the idle deque, so one hand-off at a time.
     */
    private volatile Runnable handed;

    Worker(Runnable first, String name) {
      this.first = first;
      this.thread = new Thread(this::run, name);
      thread.setDaemon(true);
    }

    void hand(Runnable t) {
      handed = t;
      LockSupport.unpark(thread);
    }

    private void run() {
      Runnable next = first;
      first = null;
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

    /**
     * The next task, or null when the pool shut down or this thread idled out. Interrupts are
     * ignored (they only end a park early): nothing here uses them, and shutdown hands every idle
     * thread {@link #STOP}.
     */
    private Runnable awaitTask() {
      long deadline = System.nanoTime() + KEEP_ALIVE_NANOS;
      while (true) {
        Runnable t = handed;
        if (t != null) {
          handed = null;
          return t == STOP ? null : t;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
          LockSupport.parkNanos(this, left);
        } else if (retire(this)) {
          return null;
        } else {
          // Popped by execute() just now: its task is on the way; wait for it.
          deadline = System.nanoTime() + KEEP_ALIVE_NANOS;
        }
      }
    }
  }
}
