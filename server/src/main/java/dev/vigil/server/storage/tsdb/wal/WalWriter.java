package dev.vigil.server.storage.tsdb.wal;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongPredicate;

/**
 * Appends framed records to the numbered segments of a WAL directory and fsyncs them.
 *
 * <p>Thread-safe: any number of committers may call {@link #log} and {@link #sync} at once.
 * Writes are serialised by one lock and go straight to the OS (one {@code write} per batch, no
 * user-space buffer), so a record whose {@code log} returned survives {@code kill -9}. Fsyncs are
 * serialised by a second lock, so writes continue while an fsync runs, and a committer that finds
 * its records already covered by someone else's fsync returns without one of its own: that is the
 * group commit.
 *
 * <p>A writer always starts a new segment, after the highest existing segment or checkpoint, so a
 * file is only ever appended to by one writer session. Before that it cuts a torn tail off the
 * newest segment (normally replay has already done so). After any I/O error the writer fails
 * permanently: after a failed fsync Linux may already have dropped the dirty pages, so a retry
 * could report success for lost data. Restarting replays and repairs the log.
 */
public final class WalWriter implements Closeable {

  private static final System.Logger logger = System.getLogger(WalWriter.class.getName());

  private final Path dir;
  private final WalOptions options;
  private final WalStats stats;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock syncLock = new ReentrantLock();
  /** Records known to be on stable storage, counted like {@link #logged}. */
  private final AtomicLong synced = new AtomicLong();
  private final IntervalSyncer syncer;
  /** Guarded by writeLock. */
  private SegmentFile current;
  /** Records logged so far; written under writeLock. */
  private volatile long logged;
  private volatile IOException failure;
  private volatile boolean closed;

  private WalWriter(Path dir, WalOptions options, WalStats stats, SegmentFile first) {
    this.dir = dir;
    this.options = options;
    this.stats = stats;
    this.current = first;
    this.syncer = options.syncPolicy() == WalSyncPolicy.INTERVAL
        ? new IntervalSyncer(this, options.syncInterval())
        : null;
  }

  /** Opens {@code dir} (creating it if needed) for appending, with fresh statistics. */
  public static WalWriter open(Path dir, WalOptions options) throws IOException {
    return open(dir, options, new WalStats());
  }

  /** Opens {@code dir} (creating it if needed) for appending, counting into {@code stats}. */
  public static WalWriter open(Path dir, WalOptions options, WalStats stats) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      FileSync.syncDirectory(dir.toAbsolutePath().getParent());
    }
    WalReader.repairTail(dir, stats);
    int next = 0;
    List<Segment> segments = Segment.list(dir);
    if (!segments.isEmpty()) {
      next = segments.get(segments.size() - 1).index() + 1;
    }
    List<Segment> checkpoints = Checkpoint.list(dir);
    if (!checkpoints.isEmpty()) {
      next = Math.max(next, checkpoints.get(checkpoints.size() - 1).index() + 1);
    }
    SegmentFile first = SegmentFile.create(dir, next);
    FileSync.syncDirectory(dir);
    stats.recordSegmentCreated();
    return new WalWriter(dir, options, stats, first);
  }

  /** Logs one record; see {@link #log(List)}. */
  public long log(byte[] payload) throws IOException {
    return log(List.of(payload));
  }

  /**
   * Appends records to the current segment, starting a new segment first when the next record
   * would not fit. A record never spans segments. Returns after the bytes are handed to the OS,
   * without an fsync.
   *
   * @return the number of records logged by this writer so far, this batch included
   * @throws IllegalArgumentException when a payload is empty or larger than 64 MiB
   * @throws IOException when writing fails; the writer is then failed for good
   */
  public long log(List<byte[]> payloads) throws IOException {
    if (payloads.isEmpty()) {
      return logged;
    }
    long total = 0;
    for (byte[] p : payloads) {
      total += Frame.HEADER_BYTES + p.length;
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("WAL batch larger than 2 GiB; log it in parts");
    }
    WalBatch batch = new WalBatch((int) total);
    for (byte[] p : payloads) {
      batch.beginRecord().writeBytes(p);
      batch.endRecord();
    }
    return log(batch);
  }

  /**
   * Appends the records of {@code batch} as {@link #log(List)} does, straight from its buffer.
   *
   * @throws IllegalStateException when the batch has a record begun but not ended
   */
  public long log(WalBatch batch) throws IOException {
    if (batch.open()) {
      throw new IllegalStateException("WAL batch has a record that was not ended");
    }
    int n = batch.records();
    if (n == 0) {
      return logged;
    }
    byte[] frames = batch.array();
    writeLock.lock();
    try {
      ensureWritable();
      long limit = options.segmentSize();
      int start = 0;
      while (start < n) {
        int startOff = start == 0 ? 0 : batch.end(start - 1);
        if (current.size() > 0 && current.size() + (batch.end(start) - startOff) > limit) {
          rollover();
        }
        int end = start + 1;
        while (end < n && current.size() + (batch.end(end) - startOff) <= limit) {
          end++;
        }
        try {
          current.write(frames, startOff, batch.end(end - 1) - startOff);
        } catch (IOException e) {
          throw fail("writing to WAL segment " + Segment.fileName(current.index()), e);
        }
        start = end;
      }
      logged += n;
      stats.recordWrite(n, batch.bytes());
      return logged;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Fsyncs everything logged before this call. When another committer's fsync already covers it,
   * returns without one; when an fsync is in progress that started too early, waits for it and
   * then runs one fsync on behalf of everyone who queued meanwhile.
   */
  public void sync() throws IOException {
    syncThrough(logged);
  }

  /** Logs the records, then fsyncs them if the policy is {@link WalSyncPolicy#COMMIT}. */
  public void commit(List<byte[]> payloads) throws IOException {
    afterLog(log(payloads));
  }

  /** Logs the batch's records, then fsyncs them if the policy is {@link WalSyncPolicy#COMMIT}. */
  public void commit(WalBatch batch) throws IOException {
    afterLog(log(batch));
  }

  private void afterLog(long position) throws IOException {
    if (options.syncPolicy() == WalSyncPolicy.COMMIT) {
      syncThrough(position);
    }
  }

  /** The segment being appended to. */
  public int currentSegment() {
    writeLock.lock();
    try {
      return current.index();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Fsyncs and closes the current segment and starts the next one, so that everything logged so
   * far can be checkpointed.
   *
   * @return the index of the new current segment
   */
  public int nextSegment() throws IOException {
    writeLock.lock();
    try {
      ensureWritable();
      rollover();
      return current.index();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Checkpoints segments up to {@code through}, which must be before the current segment; see
   * {@link Checkpoint#create}.
   */
  public CheckpointResult checkpoint(int through, LongPredicate keepSeries, long minTime)
      throws IOException {
    int currentIndex = currentSegment();
    if (through >= currentIndex) {
      throw new IllegalArgumentException("cannot checkpoint through segment " + through
          + ": the writer is still appending to segment " + currentIndex
          + "; call nextSegment() first");
    }
    return Checkpoint.create(dir, through, keepSeries, minTime, options.segmentSize(), stats);
  }

  public WalStats stats() {
    return stats;
  }

  /** Fsyncs and closes the current segment. Idempotent. */
  @Override
  public void close() throws IOException {
    if (syncer != null) {
      syncer.stop();
    }
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (failure == null) {
          timedSync(current);
          synced.accumulateAndGet(logged, Math::max);
        }
      } catch (IOException e) {
        throw fail("fsync of WAL segment " + Segment.fileName(current.index()) + " at close", e);
      } finally {
        current.close();
      }
    } finally {
      writeLock.unlock();
    }
  }

  private void syncThrough(long position) throws IOException {
    if (synced.get() >= position) {
      return;
    }
    syncLock.lock();
    try {
      if (synced.get() >= position) {
        return; // an fsync that finished while we waited covered us
      }
      if (failure != null) {
        throw failedException();
      }
      long covered;
      SegmentFile segment;
      writeLock.lock();
      try {
        covered = logged;
        segment = current;
      } finally {
        writeLock.unlock();
      }
      // Earlier segments were fsynced completely at rollover, and if this one is rolled over
      // while we fsync it, the rollover fsyncs it before closing, so a failure after close
      // is not a loss.
      if (!segment.closed()) {
        try {
          timedSync(segment);
        } catch (IOException e) {
          if (!segment.closed()) {
            throw fail("fsync of WAL segment " + Segment.fileName(segment.index()), e);
          }
        }
      }
      if (failure != null) {
        throw failedException();
      }
      synced.accumulateAndGet(covered, Math::max);
    } finally {
      syncLock.unlock();
    }
  }

  /** Called with writeLock held. */
  private void rollover() throws IOException {
    SegmentFile old = current;
    try {
      timedSync(old);
      old.close();
      // Everything logged before this batch sits in the segment just fsynced.
      synced.accumulateAndGet(logged, Math::max);
      current = SegmentFile.create(dir, old.index() + 1);
      FileSync.syncDirectory(dir);
    } catch (IOException e) {
      throw fail("rolling over from WAL segment " + Segment.fileName(old.index()), e);
    }
    stats.recordSegmentCreated();
  }

  private void timedSync(SegmentFile segment) throws IOException {
    long start = System.nanoTime();
    segment.sync();
    stats.recordFsync(System.nanoTime() - start);
  }

  private void ensureWritable() throws IOException {
    if (closed) {
      throw new IllegalStateException("WAL writer for " + dir + " is closed");
    }
    if (failure != null) {
      throw failedException();
    }
  }

  private IOException fail(String what, IOException cause) {
    synchronized (this) {
      if (failure == null) {
        failure = new IOException(what + " failed: " + cause.getMessage(), cause);
        logger.log(Level.ERROR, "WAL " + dir + ": " + what + " failed; the WAL accepts no more"
            + " writes until restart, when replay repairs it", cause);
      }
    }
    return failedException();
  }

  private IOException failedException() {
    return new IOException("WAL writer for " + dir + " failed earlier and accepts no more writes;"
        + " restart to replay and repair: " + failure.getMessage(), failure);
  }
}
