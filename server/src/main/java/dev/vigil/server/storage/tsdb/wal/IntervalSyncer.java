package dev.vigil.server.storage.tsdb.wal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The background thread of {@link WalSyncPolicy#INTERVAL}: fsyncs a writer periodically. */
final class IntervalSyncer {

  private static final System.Logger logger = System.getLogger(IntervalSyncer.class.getName());

  private final WalWriter writer;
  private final ScheduledExecutorService executor;
  private boolean reported;

  IntervalSyncer(WalWriter writer, Duration interval) {
    this.writer = writer;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-wal-sync");
      t.setDaemon(true);
      return t;
    });
    long millis = Math.max(1, interval.toMillis());
    executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Stops the thread; the writer's close does the final fsync. */
  void stop() {
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
