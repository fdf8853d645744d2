package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleRejectedException;
import dev.vigil.server.storage.SampleRejectedException.Reason;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.storage.tsdb.headchunks.HeadChunkStore;
import dev.vigil.server.storage.tsdb.index.MemPostings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory part of the TSDB: recent samples of every series in compressed chunks, an inverted
 * index over their labels, and the rules for which samples are accepted.
 *
 * <p>Thread-safe. Appenders validate on append and apply on commit under per-series locks; queriers
 * select through {@link MemPostings} and read chunk snapshots without holding locks. Samples before
 * {@link #minValidTime()} are refused as too old, and {@link #truncateBefore} drops data that
 * blocks have taken over. Durability comes from the {@link CommitLog} the owner passes in (the
 * write-ahead log); {@link #restoreSeries} and {@link #restoreSample} replay it after a restart.
 */
public final class Head implements Storage {

  private final ChunkCutRule cutRule;
  private final StripedSeries series;
  private final MemPostings postings = new MemPostings();
  private final HeadStats stats = new HeadStats();
  private final AtomicLong nextRef = new AtomicLong(1);
  private final AtomicLong minValidTime;
  private final AtomicLong minTime = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong maxTime = new AtomicLong(Long.MIN_VALUE);
  private final CommitLog commitLog;
  /** Where sealed chunks go; null keeps them on the heap (a head without a data directory). */
  private final HeadChunkStore chunkStore;
  /**
   * Commits hold the read side from resolving their series until their samples are applied;
   * truncation and raising the lower bound take the write side. Without it a commit could log a
   * sample under the ref of a series that a concurrent truncation drops, after the WAL checkpoint
   * has dropped that ref's series record: replay would then find a sample of an unknown series
   * and lose it. Prometheus instead keeps dropped refs in its checkpoints for a while; a lock held
   * for the length of one scan of the series map is simpler and exact.
   */
  private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock();

  /** Written by each commit's prefetch pass (see applyResolved) and never read. */
  @SuppressWarnings("unused")
  private int prefetched;
  private volatile boolean closed;
  /** Each appending thread's batch arrays, lent to one appender at a time. */
  private final ThreadLocal<BatchBuffer> batchBuffers = ThreadLocal.withInitial(BatchBuffer::new);

  /**
   * A head with the given options that logs commits to {@code commitLog} before applying them and
   * keeps sealed chunks in {@code chunkStore} (null: on the heap). The head does not own the
   * store: whoever opened it closes it.
   */
  public Head(HeadOptions options, CommitLog commitLog, HeadChunkStore chunkStore) {
    this.commitLog = commitLog;
    this.chunkStore = chunkStore;
    this.cutRule = options.cutRule();
    this.series = new StripedSeries(options.stripes());
    this.minValidTime = new AtomicLong(options.minValidTime());
  }

  /** A head with the given options that logs commits to {@code commitLog}, all chunks on heap. */
  public Head(HeadOptions options, CommitLog commitLog) {
    this(options, commitLog, null);
  }

  /** A head with the given options, keeping samples in memory only. */
  public Head(HeadOptions options) {
    this(options, CommitLog.NONE);
  }

  /** A head with {@link HeadOptions#defaults()}, keeping samples in memory only. */
  public Head() {
    this(HeadOptions.defaults());
  }

  @Override
  public Appender appender() {
    requireOpen();
    BatchBuffer buf = batchBuffers.get();
    if (!buf.lend()) {
      buf = new BatchBuffer(); // this thread has another appender open; this one is not kept
      buf.lend();
    }
    return new HeadAppender(this, buf);
  }

  @Override
  public Querier querier(long minTime, long maxTime) {
    requireOpen();
    return new HeadQuerier(this, minTime, maxTime);
  }

  /** Counters for self-metrics. */
  public HeadStats stats() {
    return stats;
  }

  /** Samples older than this are refused with {@link Reason#TOO_OLD}. */
  public long minValidTime() {
    return minValidTime.get();
  }

  /**
   * Raises the lower bound for accepted samples (it never goes down). Returns once every commit
   * that may have checked the old bound has been applied, so a reader started afterwards (the
   * block writer) sees every sample older than {@code t} the head will ever hold.
   */
  public void raiseMinValidTime(long t) {
    commitLock.writeLock().lock();
    try {
      minValidTime.accumulateAndGet(t, Math::max);
    } finally {
      commitLock.writeLock().unlock();
    }
  }

  /** Oldest sample timestamp in the head, or Long.MAX_VALUE when empty. */
  public long minTime() {
    return minTime.get();
  }

  /** Newest sample timestamp in the head, or Long.MIN_VALUE when empty. */
  public long maxTime() {
    return maxTime.get();
  }

  /**
   * Drops chunks that end before {@code t} and the series left without any, and refuses samples
   * before {@code t} from now on. Queriers opened earlier keep what they selected.
   */
  public void truncateBefore(long t) {
    requireOpen();
    commitLock.writeLock().lock();
    try {
      minValidTime.accumulateAndGet(t, Math::max);
      removeBefore(t);
      if (chunkStore != null) {
        // After the series dropped their chunks before t: no series addresses them any more.
        chunkStore.truncateBefore(t);
      }
    } finally {
      commitLock.writeLock().unlock();
    }
  }

  private void removeBefore(long t) {
    long[] chunksDropped = {0};
    AtomicLong newMin = new AtomicLong(Long.MAX_VALUE);
    Map<Long, Labels> dead =
        series.removeIf(
            s -> {
              chunksDropped[0] += s.truncateBefore(t);
              if (s.isEmpty()) {
                return true;
              }
              newMin.accumulateAndGet(s.firstTimestamp(), Math::min);
              return false;
            });
    postings.delete(dead);
    stats.onChunksRemoved(chunksDropped[0]);
    stats.onSeriesRemoved(dead.size());
    // A commit racing with the scan may have stored something older than what the scan saw; the
    // bound then reads a little high. It only steers the label-query shortcut in HeadQuerier, where
    // erring means listing a label of a series with no samples in range, which Prometheus's head
    // always does.
    minTime.set(newMin.get());
  }

  /** Stops accepting appenders and queriers; memory goes with the object. */
  @Override
  public void close() {
    closed = true;
  }

  /** Whether a series with this ref is in the head now; a checkpoint keeps only such series. */
  public boolean hasSeries(long ref) {
    return series.getByRef(ref) != null;
  }

  /** The store holding sealed chunks, or null when they stay on the heap. */
  HeadChunkStore chunkStore() {
    return chunkStore;
  }

  MemPostings postings() {
    return postings;
  }

  MemSeries seriesByLabels(Labels labels) {
    return series.getByLabels(labels);
  }

  MemSeries seriesByRef(long ref) {
    return series.getByRef(ref);
  }

  /** {@link #seriesByRef} for an appender; see {@link StripedSeries#findForAppend}. */
  MemSeries seriesForAppend(long ref) {
    return series.findForAppend(ref);
  }

  /**
   * Refuses label sets no series may have; counts and throws. Appenders skip it for series the head
   * already holds, which passed it when created: it is a loop over every label, per sample.
   */
  void validateLabels(Labels labels) {
    if (labels.isEmpty()) {
      throw reject(Reason.INVALID_LABELS, "empty label set");
    }
    for (int i = 0; i < labels.size(); i++) {
      if (labels.name(i).isEmpty()) {
        throw reject(Reason.INVALID_LABELS, "empty label name in " + labels);
      }
    }
  }

  /** Refuses timestamps below the head's lower bound; counts and throws. */
  void validateTime(Labels labels, long t) {
    long min = minValidTime.get();
    if (t < min) {
      throw reject(
          Reason.TOO_OLD,
          "sample at " + t + " is older than the head's lower bound " + min + " for " + labels);
    }
  }

  SampleRejectedException reject(Reason reason, String message) {
    stats.onRejected(reason, 1);
    return new SampleRejectedException(reason, message);
  }

  /**
   * Applies a committed batch: resolves (creating) its series, hands it to the commit log, then
   * appends. A sample that a concurrent commit made out of order or duplicate since it was checked
   * is counted and dropped, as Prometheus does: one writer per series (the normal case) never hits
   * this.
   */
  void apply(MemSeries[] batchSeries, Labels[] labels, long[] ts, long[] bits, int size) {
    commitLock.readLock().lock();
    try {
      int n = dropTooOld(batchSeries, labels, ts, bits, size);
      for (int i = 0; i < n; i++) {
        // A series truncated away since append is replaced by a fresh, not yet logged one, so
        // the log gets a series record for the ref its sample is logged under. The read lock
        // keeps further truncations out until the samples are applied.
        if (batchSeries[i] == null || batchSeries[i].removed) {
          batchSeries[i] = getOrCreate(labels[i]);
        }
      }
      applyResolved(batchSeries, labels, ts, bits, n);
    } finally {
      commitLock.readLock().unlock();
    }
  }

  /**
   * Drops, counting them as too old, samples that passed the check on append but fall below a
   * bound raised since (a head range was handed to the block writer meanwhile); compacts the
   * arrays and returns the new length. Only a commit held back for a large part of a block range
   * can hit this.
   */
  private int dropTooOld(MemSeries[] batchSeries, Labels[] labels, long[] ts, long[] bits, int n) {
    long min = minValidTime.get();
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (ts[i] < min) {
        stats.onRejected(Reason.TOO_OLD, 1);
        continue;
      }
      batchSeries[kept] = batchSeries[i];
      labels[kept] = labels[i];
      ts[kept] = ts[i];
      bits[kept] = bits[i];
      kept++;
    }
    return kept;
  }

  private void applyResolved(MemSeries[] batchSeries, Labels[] labels, long[] ts, long[] bits,
      int n) {
    if (commitLog != CommitLog.NONE) {
      LoggedBatch batch = new LoggedBatch(batchSeries, ts, bits, n);
      commitLog.log(batch);
      batch.markSeriesLogged();
    }
    // A first pass without locks touches each series' open chunk where its sample will go. The
    // loop below takes a series' monitor per sample, a locked instruction that waits for all
    // earlier loads, so each chunk's cache miss (cold between a target's scrapes) was paid in
    // full, one after another; here they are independent loads that the CPU overlaps.
    int touched = 0;
    for (int i = 0; i < n; i++) {
      touched += batchSeries[i].touchOpenChunk();
    }
    prefetched = touched; // kept so that the loads are not optimised away; nothing reads it
    long appended = 0;
    long batchMin = Long.MAX_VALUE;
    long batchMax = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      MemSeries s = batchSeries[i];
      MemSeries.Verdict verdict;
      while ((verdict = appendTo(s, ts[i], bits[i])) == null) {
        // Unreachable while apply holds the commit lock; kept so a future caller without it
        // degrades to appending rather than looping.
        s = getOrCreate(labels[i]);
      }
      if (verdict == MemSeries.Verdict.APPEND) {
        appended++;
        batchMin = Math.min(batchMin, ts[i]);
        batchMax = Math.max(batchMax, ts[i]);
      }
    }
    recordAppended(appended, batchMin, batchMax);
  }

  /**
   * Re-creates a series under the ref it had before a restart, for write-ahead-log replay.
   *
   * @return the ref that now holds these labels: {@code ref}, or the ref they were restored under
   *     already (the caller then maps {@code ref} to it)
   * @throws IllegalArgumentException when {@code ref} already holds other labels
   */
  public long restoreSeries(long ref, Labels labels) {
    requireOpen();
    MemSeries holder = series.getByRef(ref);
    if (holder != null && !holder.labels.equals(labels)) {
      throw new IllegalArgumentException(
          "series ref " + ref + " already holds " + holder.labels + ", not " + labels);
    }
    MemSeries s =
        series.getOrCreate(
            labels,
            l -> {
              MemSeries created = new MemSeries(ref, postings.intern(l));
              stats.onSeriesCreated();
              return created;
            },
            created -> postings.add(created.ref, created.labels));
    s.logged = true;
    nextRef.accumulateAndGet(ref + 1, Math::max);
    return s.ref;
  }

  /**
   * Appends a replayed sample to a restored series without logging it again.
   *
   * @return whether it was stored; a refused sample is counted like a live rejection, and a sample
   *     for an unknown ref is refused uncounted
   */
  public boolean restoreSample(long ref, long t, double v) {
    requireOpen();
    MemSeries s = series.getByRef(ref);
    if (s == null) {
      return false;
    }
    if (t < minValidTime.get()) {
      stats.onRejected(Reason.TOO_OLD, 1);
      return false;
    }
    MemSeries.Verdict verdict = appendTo(s, t, Double.doubleToRawLongBits(v));
    boolean stored = verdict == MemSeries.Verdict.APPEND;
    recordAppended(stored ? 1 : 0, t, t);
    return stored;
  }

  /**
   * Appends one sample under the series' lock, counting rejections.
   *
   * @return the verdict, or null when the series was truncated away
   */
  private MemSeries.Verdict appendTo(MemSeries s, long t, long bits) {
    MemSeries.Verdict verdict;
    synchronized (s) {
      if (s.removed) {
        return null;
      }
      verdict = s.check(t, bits);
      if (verdict == MemSeries.Verdict.APPEND && s.append(t, bits, cutRule, chunkStore)) {
        stats.onChunkCreated();
      }
    }
    switch (verdict) {
      case OUT_OF_ORDER -> stats.onRejected(Reason.OUT_OF_ORDER, 1);
      case DUPLICATE_TIMESTAMP -> stats.onRejected(Reason.DUPLICATE_TIMESTAMP, 1);
      default -> {}
    }
    return verdict;
  }

  private void recordAppended(long appended, long lo, long hi) {
    if (appended > 0) {
      stats.onSamplesAppended(appended);
      minTime.accumulateAndGet(lo, Math::min);
      maxTime.accumulateAndGet(hi, Math::max);
    }
  }

  private MemSeries getOrCreate(Labels labels) {
    return series.getOrCreate(
        labels,
        l -> {
          MemSeries created = new MemSeries(nextRef.getAndIncrement(), postings.intern(l));
          stats.onSeriesCreated();
          return created;
        },
        created -> postings.add(created.ref, created.labels));
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("head is closed");
    }
  }
}
