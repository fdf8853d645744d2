package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.tsdb.chunk.Chunk;
import dev.vigil.server.storage.tsdb.chunk.CompactChunkBuilder;
import dev.vigil.server.storage.tsdb.chunk.XorAppender;
import dev.vigil.server.storage.tsdb.chunk.XorChunk;
import dev.vigil.server.storage.tsdb.headchunks.HeadChunkStore;
import java.util.Arrays;

/**
 * One series in the head: its ref, labels, sealed chunks and the open chunk being appended to.
 *
 * <p>Every method except the final fields requires the caller to hold this object's monitor; one
 * lock per series keeps appenders of different series apart without a lock object per series.
 * Sealed chunks' time ranges and addresses in the head chunk store sit in one {@code long[]}
 * (min, max, address triples) instead of a wrapper object per chunk, to keep the per-series
 * footprint small; their bytes are in the store's files, not here.
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

  private static final long[] NO_META = new long[0];

  /** Per sealed chunk: first timestamp, last timestamp, address in the chunk store. */
  private static final int META = 3;

  final long ref;
  final Labels labels;

  private long[] sealedMeta = NO_META;
  /**
   * Sealed chunks kept on the heap, by position, where the address is {@link
   * HeadChunkStore#NO_ADDRESS}: all of them without a store, else only those a failed write left
   * here. Null until the first such chunk, which with a store is the rare case.
   */
  private Chunk[] onHeap;
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
    return numSealed > 0 ? sealedMeta[0] : open.firstTimestamp();
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

  /**
   * Reads the open chunk's tail without this series' lock, to bring it into the cache (see
   * Head.applyResolved); the value means nothing.
   */
  int touchOpenChunk() {
    XorAppender o = open;
    return o == null ? 0 : o.peekTail();
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
   * Appends a sample that {@link #check} accepted, cutting a chunk when {@code rule} says so; a
   * chunk sealed by the cut goes to {@code store} (null: stays on the heap).
   *
   * @return whether a new chunk was started
   */
  boolean append(long t, long bits, ChunkCutRule rule, HeadChunkStore store) {
    boolean cut = open == null || rule.shouldCut(open.numSamples(), open.firstTimestamp(), t);
    if (cut) {
      int sizeHint = 32;
      if (open != null) {
        sizeHint = open.byteLength() + 8; // the next chunk will likely look like this one
        seal(store);
      }
      // Sized from the previous chunk and grown towards the cut's sample count, not doubled.
      open = new XorAppender(sizeHint, rule.samplesPerChunk());
    }
    open.append(t, Double.longBitsToDouble(bits));
    return cut;
  }

  private void seal(HeadChunkStore store) {
    if (numSealed * META == sealedMeta.length) {
      // Grown by half rather than by two: every copy is garbage that lives minutes, long enough
      // for young collections to promote it (session 6 counted ~8,000 dead copies of each array
      // after 26 minutes at 2,020 series); a 2 h head of 60 chunks now copies 8 times, not 30.
      int capacity = Math.max(4, numSealed + (numSealed >> 1));
      sealedMeta = Arrays.copyOf(sealedMeta, META * capacity);
      if (onHeap != null) {
        onHeap = Arrays.copyOf(onHeap, capacity);
      }
    }
    // INT where smaller: the chunk file is page cache, not heap, but a smaller chunk is still
    // fewer pages to write and to read back (and what stays on the heap without a store).
    // The snapshot shares the appender's buffer, which nothing writes to after this cut: the store
    // copies it into its record, so only a chunk that stays on the heap needs a compact copy.
    XorChunk snapshot = open.snapshot();
    Chunk chunk = CompactChunkBuilder.smallest(snapshot);
    long first = open.firstTimestamp();
    long last = open.lastTimestamp();
    // Sealed chunks go to the chunk store's files (docs/format/head-chunks.md), which are page
    // cache rather than heap, as Prometheus's chunks_head/; the head keeps the address only.
    long address = store == null ? HeadChunkStore.NO_ADDRESS : store.write(ref, first, last, chunk);
    if (address == HeadChunkStore.NO_ADDRESS) {
      if (onHeap == null) {
        onHeap = new Chunk[sealedMeta.length / META];
      }
      onHeap[numSealed] = chunk == snapshot ? open.seal() : chunk;
    }
    int m = META * numSealed;
    sealedMeta[m] = first;
    sealedMeta[m + 1] = last;
    sealedMeta[m + 2] = address;
    numSealed++;
  }

  /**
   * Drops chunks whose samples all lie before {@code minTime}, the open one included.
   *
   * @return the number of chunks dropped
   */
  int truncateBefore(long minTime) {
    int keep = 0;
    while (keep < numSealed && sealedMeta[META * keep + 1] < minTime) {
      keep++;
    }
    int dropped = keep;
    if (keep > 0) {
      sealedMeta = Arrays.copyOfRange(sealedMeta, META * keep, META * numSealed);
      if (onHeap != null) {
        onHeap = Arrays.copyOfRange(onHeap, keep, numSealed);
      }
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
  HeadSeries snapshot(long minTime, long maxTime, HeadChunkStore store) {
    int first = 0;
    while (first < numSealed && sealedMeta[META * first + 1] < minTime) {
      first++;
    }
    int last = first;
    while (last < numSealed && sealedMeta[META * last] <= maxTime) {
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
    for (int i = first; i < last; i++) {
      int k = i - first;
      long address = sealedMeta[META * i + 2];
      // The stored chunk holds its segment, so a truncation deleting the file meanwhile does
      // not take the bytes from this snapshot.
      chunks[k] = address == HeadChunkStore.NO_ADDRESS ? onHeap[i] : store.chunk(ref, address);
      times[2 * k] = sealedMeta[META * i];
      times[2 * k + 1] = sealedMeta[META * i + 1];
    }
    if (withOpen) {
      chunks[n - 1] = open.snapshot();
      times[2 * n - 2] = open.firstTimestamp();
      times[2 * n - 1] = open.lastTimestamp();
    }
    return new HeadSeries(labels, chunks, times, minTime, maxTime);
  }
}
