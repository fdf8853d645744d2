package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.SampleRejectedException.Reason;
import java.util.HashMap;
import java.util.Map;

/**
 * Buffers one batch for a {@link Head} in parallel arrays (no object per sample) and applies it on
 * commit.
 *
 * <p>Samples are checked as they are appended, against the stored series and against earlier
 * samples of the same batch, so the caller learns of a rejection at once. Series that do not exist
 * yet are only created on commit, which makes rollback leave nothing behind (Prometheus creates
 * them on append and collects the empty ones later).
 */
final class HeadAppender implements Appender {

  private final Head head;
  private final BatchBuffer buf;
  private final PendingIndex pendingByRef;
  private int size;
  private Map<Labels, Integer> pendingNew;
  private boolean done;

  HeadAppender(Head head, BatchBuffer buf) {
    this.head = head;
    this.buf = buf;
    this.pendingByRef = buf.pendingByRef;
  }

  @Override
  public void append(Labels seriesLabels, long timestamp, double value) {
    append(NO_REF, seriesLabels, timestamp, value);
  }

  /**
   * Appends by ref when the ref still names a head series (the steady scrape: no label-set hashing
   * or comparison), else by labels. Refs are never reused within a head's life, so a ref that
   * resolves names exactly the series it was handed out for; one that no longer resolves (its
   * series was truncated away) falls back to the labels.
   */
  @Override
  public long append(long ref, Labels seriesLabels, long timestamp, double value) {
    requireOpen();
    MemSeries s = ref != NO_REF ? head.seriesForAppend(ref) : null;
    if (s == null) {
      s = head.seriesByLabels(seriesLabels);
    }
    if (s == null) {
      head.validateLabels(seriesLabels); // A stored series' labels were checked when it was made.
    }
    head.validateTime(seriesLabels, timestamp);
    long bits = Double.doubleToRawLongBits(value);
    int previous = s != null ? pendingByRef.get(s.ref) : pendingNewIndex(seriesLabels);
    MemSeries.Verdict verdict;
    if (previous >= 0) {
      verdict =
          MemSeries.verdict(buf.timestamps[previous], buf.valueBits[previous], timestamp, bits);
    } else if (s != null) {
      // First without the series' lock: an APPEND is checked again under it at commit
      // (Head.appendTo), which counts what a concurrent writer made stale, so only a refusal,
      // which the caller acts on, needs the locked read. The lock cost two atomic operations per
      // sample on a cache line just missed.
      verdict = s.checkUnlocked(timestamp, bits);
      if (verdict != MemSeries.Verdict.APPEND) {
        synchronized (s) {
          verdict = s.check(timestamp, bits);
        }
      }
    } else {
      verdict = MemSeries.Verdict.APPEND;
    }
    switch (verdict) {
      case IDENTICAL -> {
        return s != null ? s.ref : NO_REF;
      }
      case OUT_OF_ORDER ->
          throw head.reject(
              Reason.OUT_OF_ORDER, "out-of-order sample at " + timestamp + " for " + seriesLabels);
      case DUPLICATE_TIMESTAMP ->
          throw head.reject(
              Reason.DUPLICATE_TIMESTAMP,
              "duplicate sample at " + timestamp + " with a different value for " + seriesLabels);
      case APPEND -> add(s, seriesLabels, timestamp, bits);
    }
    // A new series gets its ref on commit; the caller learns it at its next append by labels.
    return s != null ? s.ref : NO_REF;
  }

  private int pendingNewIndex(Labels l) {
    if (pendingNew == null) {
      return -1;
    }
    Integer i = pendingNew.get(l);
    return i == null ? -1 : i;
  }

  private void add(MemSeries s, Labels l, long t, long bits) {
    if (size == buf.timestamps.length) {
      buf.grow(size * 2);
    }
    buf.series[size] = s;
    buf.labels[size] = l;
    buf.timestamps[size] = t;
    buf.valueBits[size] = bits;
    if (s != null) {
      pendingByRef.put(s.ref, size);
    } else {
      if (pendingNew == null) {
        pendingNew = new HashMap<>();
      }
      pendingNew.put(l, size);
    }
    size++;
  }

  @Override
  public void commit() {
    requireOpen();
    done = true;
    try {
      head.apply(buf.series, buf.labels, buf.timestamps, buf.valueBits, size);
    } finally {
      release();
    }
  }

  @Override
  public void rollback() {
    requireOpen();
    done = true;
    release();
  }

  private void release() {
    pendingNew = null;
    buf.giveBack(size);
  }

  private void requireOpen() {
    if (done) {
      throw new IllegalStateException("appender already committed or rolled back");
    }
  }
}
