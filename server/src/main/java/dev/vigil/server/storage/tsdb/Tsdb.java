package dev.vigil.server.storage.tsdb;

import dev.vigil.server.format.PromDuration;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.storage.tsdb.wal.WalStats;
import dev.vigil.server.storage.tsdb.wal.WalWriter;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's crash-safe store: a data directory holding a lock and the write-ahead log, and the
 * in-memory head rebuilt from that log at start.
 *
 * <p>Every commit is written to the WAL (and fsynced per {@link TsdbOptions#wal()}) before the
 * head applies it, so a sample whose commit returned survives {@code kill -9}. A maintenance thread
 * truncates the head (handing old ranges to a {@link HeadCompactionHook} first) and checkpoints the
 * WAL. Layout: {@code docs/format/README.md}.
 */
public final class Tsdb implements Storage {

  private static final System.Logger logger = System.getLogger(Tsdb.class.getName());

  static final String WAL_DIR = "wal";

  private final Path dir;
  private final DataDirLock lock;
  private final Head head;
  private final WalWriter wal;
  private final HeadMaintenance maintenance;
  private final ScheduledExecutorService scheduler;
  private volatile boolean closed;

  private Tsdb(Path dir, DataDirLock lock, Head head, WalWriter wal, HeadMaintenance maintenance,
      TsdbOptions options) {
    this.dir = dir;
    this.lock = lock;
    this.head = head;
    this.wal = wal;
    this.maintenance = maintenance;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-tsdb-maintenance");
      t.setDaemon(true);
      return t;
    });
    long every = options.maintenanceInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens (creating) {@code dir}: locks it, replays the WAL into a new head and starts a new WAL
   * segment. Self-metrics go to {@code registry}.
   *
   * @throws IOException when the directory cannot be created or locked, or the WAL cannot be read
   */
  public static Tsdb open(Path dir, TsdbOptions options, HeadCompactionHook hook,
      TelemetryRegistry registry) throws IOException {
    Files.createDirectories(dir);
    DataDirLock lock = DataDirLock.acquire(dir);
    try {
      WalStats walStats = new WalStats();
      DeferredCommitLog commitLog = new DeferredCommitLog();
      Head head = new Head(options.head(), commitLog);
      WalReplayer.Summary replay = WalReplayer.replay(dir.resolve(WAL_DIR), head, walStats);
      WalWriter wal = WalWriter.open(dir.resolve(WAL_DIR), options.wal(), walStats);
      // The head was built before the writer existed (replay must not log); bind it now.
      commitLog.bind(new WalCommitLog(wal));
      HeadMaintenance maintenance = new HeadMaintenance(head, wal, hook, options);
      Tsdb tsdb = new Tsdb(dir, lock, head, wal, maintenance, options);
      new TsdbMetrics(registry, head, walStats, wal, maintenance, replay.nanos());
      logger.log(Level.INFO, "TSDB opened at " + dir.toAbsolutePath() + ": " + head.stats().series()
          + " series, retention " + PromDuration.format(options.retention()) + ", WAL sync "
          + options.wal().syncPolicy().flag());
      return tsdb;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Opens {@code dir} with no block writer and private self-metrics, for tests and tools. */
  public static Tsdb open(Path dir, TsdbOptions options) throws IOException {
    return open(dir, options, HeadCompactionHook.NONE, new TelemetryRegistry());
  }

  @Override
  public Appender appender() {
    return head.appender();
  }

  @Override
  public Querier querier(long minTime, long maxTime) {
    return head.querier(minTime, maxTime);
  }

  /** The in-memory head, for block writers and statistics. */
  public Head head() {
    return head;
  }

  /** The data directory. */
  public Path dir() {
    return dir;
  }

  /** Runs one maintenance pass now (the scheduler also runs them periodically). */
  void maintainNow() {
    maintenance.run();
  }

  private void maintain() {
    try {
      if (!closed) {
        maintenance.run();
      }
    } catch (RuntimeException e) {
      logger.log(Level.ERROR, "TSDB maintenance failed; retrying at the next interval", e);
    }
  }

  /** Stops maintenance, closes the head, fsyncs and closes the WAL and releases the lock. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    head.close();
    try {
      wal.close();
    } catch (IOException e) {
      logger.log(Level.ERROR, "closing the WAL failed; the next start replays and repairs it", e);
    }
    try {
      lock.close();
    } catch (IOException e) {
      logger.log(Level.WARNING, "releasing " + dir.resolve(DataDirLock.FILE_NAME) + " failed", e);
    }
  }
}
