package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.tsdb.chunk.Chunk;
import dev.vigil.server.storage.tsdb.chunk.CompactChunkBuilder;
import dev.vigil.server.storage.tsdb.chunk.XorAppender;
import java.util.Arrays;

/**
 * One series in the head: its ref, labels, sealed chunks and the open chunk being appended to.
 *
 * <p>Every method except the final fields requires the caller to hold this object's monitor; one
 * lock per series keeps appenders of different series apart without a lock object per series.
 * Sealed chunks' time ranges sit in one {@code long[]} (min, max pairs) instead of a wrapper object
 * per chunk, to keep the per-series footprint small.
 */
final class MemSeries {

  /** What appending a sample would do. */
  enum Verdict {
    APPEND,
    /** Same timestamp and same value bits as the newest sample: dropped silently, as Prometheus. */
    IDENTICAL,
    OUT_OF_ORDER,
    DUPLICATE_TIMESTAMP
  }

  private static final Chunk[] NO_CHUNKS = new Chunk[0];
  private static final long[] NO_TIMES = new long[0];

  final long ref;
  final Labels labels;

  private Chunk[] sealed = NO_CHUNKS;
  private long[] sealedTimes = NO_TIMES;
  private int numSealed;
  private XorAppender open;

  /** Set, under the series and stripe locks, when truncation dropped this series. */
  boolean removed;

  /** Whether a commit log has recorded this series; written once, read without the lock. */
  volatile boolean logged;

  MemSeries(long ref, Labels labels) {
    this.ref = ref;
    this.labels = labels;
  }

  boolean isEmpty() {
    return open == null;
  }

  long lastTimestamp() {
    return open.lastTimestamp();
  }

  long lastValueBits() {
    return open.lastValueBits();
  }

  long firstTimestamp() {
    return numSealed > 0 ? sealedTimes[0] : open.firstTimestamp();
  }

  /** How a sample at {@code t} with {@code bits} relates to the newest stored sample. */
  Verdict check(long t, long bits) {
    if (open == null) {
      return Verdict.APPEND;
    }
    return verdict(open.lastTimestamp(), open.lastValueBits(), t, bits);
  }

  /**
   * {@link #check} for a caller without this series' lock, as a first look: a concurrent writer
   * can make the answer stale, or mix two of its samples, so only an {@link Verdict#APPEND} that
   * is checked again under the lock may be relied on.
   */
  Verdict checkUnlocked(long t, long bits) {
    XorAppender o = open;
    if (o == null) {
      return Verdict.APPEND;
    }
    return verdict(o.lastTimestamp(), o.lastValueBits(), t, bits);
  }

  static Verdict verdict(long lastT, long lastBits, long t, long bits) {
    if (t > lastT) {
      return Verdict.APPEND;
    }
    if (t < lastT) {
      return Verdict.OUT_OF_ORDER;
    }
    return bits == lastBits ? Verdict.IDENTICAL : Verdict.DUPLICATE_TIMESTAMP;
  }

  /**
   * Appends a sample that {@link #check} accepted, cutting a chunk when {@code rule} says so.
   *
   * @return whether a new chunk was started
   */
  boolean append(long t, long bits, ChunkCutRule rule) {
    boolean cut = open == null || rule.shouldCut(open.numSamples(), open.firstTimestamp(), t);
    if (cut) {
      int sizeHint = 32;
      if (open != null) {
        sizeHint = open.byteLength() + 8; // the next chunk will likely look like this one
        seal();
      }
      open = new XorAppender(sizeHint);
    }
    open.append(t, Double.longBitsToDouble(bits));
    return cut;
  }

  private void seal() {
    if (numSealed == sealed.length) {
      // Grown by half rather than by two: every copy is garbage that lives minutes, long enough
      // for young collections to promote it (session 6 counted ~8,000 dead copies of each array
      // after 26 minutes at 2,020 series); a 2 h head of 60 chunks now copies 8 times, not 30.
      int capacity = Math.max(4, numSealed + (numSealed >> 1));
      sealed = Arrays.copyOf(sealed, capacity);
      sealedTimes = Arrays.copyOf(sealedTimes, 2 * capacity);
    }
    // Sealed chunks stay on the heap until the head is cut into a block (2 h by default), where
    // Prometheus keeps them in mmapped files outside its RSS. So integral runs take the smaller
    // INT encoding (session 6, bench/tsdb-vs-prometheus.sh's load: XOR chunks held ~15 MiB for
    // 3.2 M samples after 26 minutes, most of the heap's live data).
    sealed[numSealed] = CompactChunkBuilder.smallest(open.seal());
    sealedTimes[2 * numSealed] = open.firstTimestamp();
    sealedTimes[2 * numSealed + 1] = open.lastTimestamp();
    numSealed++;
  }

  /**
   * Drops chunks whose samples all lie before {@code minTime}, the open one included.
   *
   * @return the number of chunks dropped
   */
  int truncateBefore(long minTime) {
    int keep = 0;
    while (keep < numSealed && sealedTimes[2 * keep + 1] < minTime) {
      keep++;
    }
    int dropped = keep;
    if (keep > 0) {
      sealed = Arrays.copyOfRange(sealed, keep, numSealed);
      sealedTimes = Arrays.copyOfRange(sealedTimes, 2 * keep, 2 * numSealed);
      numSealed -= keep;
    }
    if (numSealed == 0 && open != null && open.lastTimestamp() < minTime) {
      open = null;
      dropped++;
    }
    return dropped;
  }

  /**
   * The chunks overlapping {@code [minTime, maxTime]} as a readable series, or null when none do.
   * The open chunk is captured as a snapshot, so the result never changes after this returns.
   */
  HeadSeries snapshot(long minTime, long maxTime) {
    int first = 0;
    while (first < numSealed && sealedTimes[2 * first + 1] < minTime) {
      first++;
    }
    int last = first;
    while (last < numSealed && sealedTimes[2 * last] <= maxTime) {
      last++;
    }
    boolean withOpen =
        open != null && open.firstTimestamp() <= maxTime && open.lastTimestamp() >= minTime;
    int n = last - first + (withOpen ? 1 : 0);
    if (n == 0) {
      return null;
    }
    Chunk[] chunks = new Chunk[n];
    long[] times = new long[2 * n];
    System.arraycopy(sealed, first, chunks, 0, last - first);
    System.arraycopy(sealedTimes, 2 * first, times, 0, 2 * (last - first));
    if (withOpen) {
      chunks[n - 1] = open.snapshot();
      times[2 * n - 2] = open.firstTimestamp();
      times[2 * n - 1] = open.lastTimestamp();
    }
    return new HeadSeries(labels, chunks, times, minTime, maxTime);
  }
}
