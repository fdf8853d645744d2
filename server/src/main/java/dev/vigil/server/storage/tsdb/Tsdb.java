package dev.vigil.server.storage.tsdb;

import dev.vigil.server.format.PromDuration;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockWriter;
import dev.vigil.server.storage.tsdb.block.Compactor;
import dev.vigil.server.storage.tsdb.block.MergeQuerier;
import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.storage.tsdb.headchunks.HeadChunkStore;
import dev.vigil.server.storage.tsdb.wal.WalStats;
import dev.vigil.server.storage.tsdb.wal.WalWriter;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's crash-safe store: a data directory holding a lock, the write-ahead log, immutable
 * blocks, and the in-memory head rebuilt from the log at start; queries see head and blocks as one.
 *
 * <p>Every commit is written to the WAL (and fsynced per {@link TsdbOptions#wal()}) before the
 * head applies it, so a sample whose commit returned survives {@code kill -9}. A maintenance thread
 * writes old head ranges as blocks (through a {@link HeadCompactionHook}), truncates the head,
 * checkpoints the WAL, compacts blocks and applies retention. Layout: {@code
 * docs/format/README.md}; block lifecycle and crash windows: {@code docs/format/block.md}.
 */
public final class Tsdb implements Storage {

  private static final System.Logger logger = System.getLogger(Tsdb.class.getName());

  static final String WAL_DIR = "wal";

  private final Path dir;
  private final DataDirLock lock;
  private final Head head;
  private final HeadChunkStore chunkStore;
  private final WalWriter wal;
  private final HeadMaintenance maintenance;
  private final BlockSet blocks;
  private final BlockMaintenance blockMaintenance;
  private final ScheduledExecutorService scheduler;
  private volatile boolean closed;

  private Tsdb(Path dir, DataDirLock lock, Head head, HeadChunkStore chunkStore, WalWriter wal,
      HeadMaintenance maintenance, BlockSet blocks, BlockMaintenance blockMaintenance,
      TsdbOptions options) {
    this.dir = dir;
    this.lock = lock;
    this.head = head;
    this.chunkStore = chunkStore;
    this.wal = wal;
    this.maintenance = maintenance;
    this.blocks = blocks;
    this.blockMaintenance = blockMaintenance;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-tsdb-maintenance");
      t.setDaemon(true);
      return t;
    });
    long every = options.maintenanceInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens (creating) {@code dir} as the server does: locks it, opens its blocks, replays the WAL
   * into a new head and starts a new WAL segment; old head ranges are written as blocks. Self-
   * metrics go to {@code registry}.
   *
   * @throws IOException when the directory cannot be created or locked, or the WAL cannot be read
   */
  public static Tsdb open(Path dir, TsdbOptions options, TelemetryRegistry registry)
      throws IOException {
    return open(dir, options, null, registry);
  }

  /**
   * Like {@link #open(Path, TsdbOptions, TelemetryRegistry)}, but old head ranges go to {@code
   * hook} instead of the block writer ({@link HeadCompactionHook#NONE}: kept until retention;
   * null: the block writer). Blocks already on disk are still opened, queried, compacted and
   * expired.
   */
  public static Tsdb open(Path dir, TsdbOptions options, HeadCompactionHook hook,
      TelemetryRegistry registry) throws IOException {
    Files.createDirectories(dir);
    DataDirLock lock = DataDirLock.acquire(dir);
    HeadChunkStore chunkStore = null;
    try {
      List<Block> loaded = BlockLoader.load(dir);
      BlockSet blocks = new BlockSet(loaded);
      WalStats walStats = new WalStats();
      DeferredCommitLog commitLog = new DeferredCommitLog();
      // Emptied and refilled by the replay below: the files are a cache of the WAL
      // (docs/format/head-chunks.md, "Crash rules").
      chunkStore = HeadChunkStore.open(dir.resolve(HeadChunkStore.DIR_NAME),
          HeadChunkStore.DEFAULT_SEGMENT_SIZE);
      Head head = new Head(options.head(), commitLog, chunkStore);
      // Everything before the newest block's end is in blocks: the head refuses it, and replay
      // skips it, which makes replay after a crash between a flush and its WAL checkpoint
      // exactly-once (docs/format/block.md, "Lifecycle").
      long blocksEnd = blocks.maxTime();
      if (blocksEnd != Long.MIN_VALUE) {
        head.raiseMinValidTime(blocksEnd);
      }
      WalReplayer.Summary replay =
          WalReplayer.replay(dir.resolve(WAL_DIR), head, walStats, blocksEnd);
      WalWriter wal = WalWriter.open(dir.resolve(WAL_DIR), options.wal(), walStats);
      // The head was built before the writer existed (replay must not log); bind it now.
      commitLog.bind(new WalCommitLog(wal));
      HeadFlusher flusher = null;
      if (hook == null) {
        flusher = new HeadFlusher(dir, blocks, new BlockWriter());
        hook = flusher;
      }
      HeadMaintenance maintenance = new HeadMaintenance(head, wal, hook, options);
      BlockMaintenance blockMaintenance = new BlockMaintenance(dir, dir.resolve(WAL_DIR), blocks,
          new Compactor(options.compactionRanges(), new BlockWriter()), options, head::maxTime);
      Tsdb tsdb = new Tsdb(dir, lock, head, chunkStore, wal, maintenance, blocks,
          blockMaintenance, options);
      new TsdbMetrics(registry, head, chunkStore, walStats, wal, maintenance, replay.nanos());
      new BlockMetrics(registry, blocks, blockMaintenance, flusher, maintenance);
      logger.log(Level.INFO, "TSDB opened at " + dir.toAbsolutePath() + ": " + loaded.size()
          + " blocks, " + head.stats().series() + " head series, retention "
          + PromDuration.format(options.retention()) + ", WAL sync "
          + options.wal().syncPolicy().flag());
      return tsdb;
    } catch (IOException | RuntimeException e) {
      if (chunkStore != null) {
        chunkStore.close();
      }
      lock.close();
      throw e;
    }
  }

  /**
   * Opens {@code dir} with no block writer (old head ranges stay until retention) and private
   * self-metrics, for tests and tools.
   */
  public static Tsdb open(Path dir, TsdbOptions options) throws IOException {
    return open(dir, options, HeadCompactionHook.NONE, new TelemetryRegistry());
  }

  @Override
  public Appender appender() {
    return head.appender();
  }

  /**
   * Head and the blocks overlapping {@code [minTime, maxTime]} merged; samples present in both
   * (a crash between a flush and its head truncation) are shown once, the head's winning.
   */
  @Override
  public Querier querier(long minTime, long maxTime) {
    List<Querier> fromBlocks = blocks.queriers(minTime, maxTime);
    Querier fromHead;
    try {
      fromHead = head.querier(minTime, maxTime);
    } catch (RuntimeException e) {
      fromBlocks.forEach(Querier::close);
      throw e;
    }
    if (fromBlocks.isEmpty()) {
      return fromHead;
    }
    List<Querier> all = new ArrayList<>(fromBlocks.size() + 1);
    all.add(fromHead);
    all.addAll(fromBlocks);
    return new MergeQuerier(all);
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
    blockMaintenance.run();
  }

  /** Runs only the head's part of maintenance: flushes, truncation, WAL checkpoint. */
  void flushHeadNow() {
    maintenance.run();
  }

  /** The blocks now on disk and queried, oldest first. */
  List<Block> blocks() {
    List<Block> out = new ArrayList<>();
    for (BlockSet.Handle h : blocks.list()) {
      out.add(h.block);
    }
    return out;
  }

  private void maintain() {
    try {
      if (!closed) {
        maintainNow();
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
    chunkStore.close();
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
