package dev.vigil.server.storage.tsdb.wal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The background thread of {@link WalSyncPolicy#INTERVAL}: fsyncs a writer periodically.
 *
 * <p>A plain thread that parks between fsyncs rather than a {@code ScheduledThreadPoolExecutor}:
 * a tick once a second is too rare for the executor's delay queue, condition wait and task
 * re-queueing to get compiled for many minutes, so each tick ran them interpreted; here a tick is
 * one park and the fsync. The period is counted from the end of one fsync to the start of the next
 * (fixed delay), so a slow disk never has fsyncs queue up.
 */
final class IntervalSyncer {

  private static final System.Logger logger = System.getLogger(IntervalSyncer.class.getName());

  private final WalWriter writer;
  private final long periodNanos;
  private final Thread thread;
  private volatile boolean stopped;
  private boolean reported;

  IntervalSyncer(WalWriter writer, Duration interval) {
    this.writer = writer;
    this.periodNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, interval.toMillis()));
    this.thread = new Thread(this::run, "vigil-wal-sync");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the thread and waits for an fsync in progress; the writer's close does the last one. */
  void stop() {
    stopped = true;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.MINUTES.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long next = System.nanoTime() + periodNanos;
    while (!stopped) {
      long left = next - System.nanoTime();
      if (left > 0) {
        LockSupport.parkNanos(this, left);
        Thread.interrupted(); // interrupts are not how this thread is stopped; keep waiting
        continue;
      }
      tick();
      next = System.nanoTime() + periodNanos;
    }
  }

  private void tick() {
    try {
      writer.sync();
    } catch (IOException | IllegalStateException e) {
      // The writer already logged the failure itself; say once that periodic syncs stopped.
      if (!reported) {
        reported = true;
        logger.log(Level.ERROR, "periodic WAL fsync failed; no further periodic fsyncs will"
            + " succeed: " + e.getMessage());
      }
    }
  }
}
