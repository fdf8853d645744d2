package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleRejectedException;
import dev.vigil.server.storage.SampleRejectedException.Reason;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.storage.tsdb.index.MemPostings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory part of the TSDB: recent samples of every series in compressed chunks, an
 * inverted index over their labels, and the rules for which samples are accepted.
 *
 * <p>Thread-safe. Appenders validate on append and apply on commit under per-series locks;
 * queriers select through {@link MemPostings} and read chunk snapshots without holding locks.
 * Samples before {@link #minValidTime()} are refused as too old, and {@link #truncateBefore}
 * drops data that blocks have taken over. There is no WAL here yet: durability is wired in by the
 * owner of this head.
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
  private volatile boolean closed;

  /** A head with the given options. */
  public Head(HeadOptions options) {
    this.cutRule = options.cutRule();
    this.series = new StripedSeries(options.stripes());
    this.minValidTime = new AtomicLong(options.minValidTime());
  }

  /** A head with {@link HeadOptions#defaults()}. */
  public Head() {
    this(HeadOptions.defaults());
  }

  @Override
  public Appender appender() {
    requireOpen();
    return new HeadAppender(this);
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

  /** Raises the lower bound for accepted samples (it never goes down). */
  public void raiseMinValidTime(long t) {
    minValidTime.accumulateAndGet(t, Math::max);
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
    raiseMinValidTime(t);
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

  MemPostings postings() {
    return postings;
  }

  MemSeries seriesByLabels(Labels labels) {
    return series.getByLabels(labels);
  }

  MemSeries seriesByRef(long ref) {
    return series.getByRef(ref);
  }

  /** Refuses label sets and timestamps no series may have; counts and throws. */
  void validate(Labels labels, long t) {
    if (labels.isEmpty()) {
      throw reject(Reason.INVALID_LABELS, "empty label set");
    }
    for (int i = 0; i < labels.size(); i++) {
      if (labels.name(i).isEmpty()) {
        throw reject(Reason.INVALID_LABELS, "empty label name in " + labels);
      }
    }
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
   * Applies a committed batch. A sample that a concurrent commit made out of order or duplicate
   * since it was checked is counted and dropped, as Prometheus does: the batch is already
   * acknowledged, and one writer per series (the normal case) never hits this.
   */
  void apply(MemSeries[] batchSeries, Labels[] labels, long[] ts, long[] bits, int n) {
    long appended = 0;
    long batchMin = Long.MAX_VALUE;
    long batchMax = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      MemSeries s = batchSeries[i] != null ? batchSeries[i] : getOrCreate(labels[i]);
      while (true) {
        MemSeries.Verdict verdict;
        synchronized (s) {
          if (!s.removed) {
            verdict = s.check(ts[i], bits[i]);
            if (verdict == MemSeries.Verdict.APPEND && s.append(ts[i], bits[i], cutRule)) {
              stats.onChunkCreated();
            }
          } else {
            verdict = null;
          }
        }
        if (verdict == null) {
          s = getOrCreate(labels[i]); // truncated away meanwhile: start it afresh
          continue;
        }
        switch (verdict) {
          case APPEND -> {
            appended++;
            batchMin = Math.min(batchMin, ts[i]);
            batchMax = Math.max(batchMax, ts[i]);
          }
          case OUT_OF_ORDER -> stats.onRejected(Reason.OUT_OF_ORDER, 1);
          case DUPLICATE_TIMESTAMP -> stats.onRejected(Reason.DUPLICATE_TIMESTAMP, 1);
          case IDENTICAL -> {}
        }
        break;
      }
    }
    stats.onSamplesAppended(appended);
    if (appended > 0) {
      long lo = batchMin;
      long hi = batchMax;
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
