package dev.vigil.server.storage.tsdb.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Appends bits, most significant first, to a growable byte array.
 *
 * <p>A byte only ever changes by gaining one-bits past the last bit written (word-wide writes
 * store the other bytes back unchanged), and a full buffer is replaced by a larger copy rather
 * than modified. That is what lets a reader that was handed the array and a sample count under a
 * lock keep decoding without one while this writer goes on appending: every byte it reads already
 * holds the bits it needs, whichever later bits have or have not landed yet.
 *
 * <p>Not final only so that {@link XorAppender} can extend it: the head appends to thousands of
 * series' open chunks in turn, and an appender that is its own bit writer saves an object and a
 * dependent load per sample. Its methods are final.
 */
public class BitWriter {

  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buf;
  private int bitLength;

  /**
   * Samples written so far, kept by a subclass that writes samples ({@link XorAppender}); with
   * {@link #expectedSamples} it sizes the buffer's growth. A field here rather than an overridden
   * method: a virtual call in the growth path made the JIT throw away the append path's compiled
   * code when a second writer class grew (a class-check trap).
   */
  int samples;

  private final int expectedSamples;

  /** A writer whose buffer starts at {@code initialBytes} (plus 8 spare) and doubles when full. */
  public BitWriter(int initialBytes) {
    this(initialBytes, 0);
  }

  /**
   * A writer whose buffer starts at {@code initialBytes} (plus 8 spare) and grows as {@link
   * #grownCapacity} says for {@code expectedSamples} samples (0: doubles).
   */
  BitWriter(int initialBytes, int expectedSamples) {
    this.buf = new byte[Math.max(1, initialBytes) + 8];
    this.expectedSamples = expectedSamples;
  }

  /**
   * The byte at the write position (0 when the position is past the buffer), read only to bring
   * the buffer's tail into the cache before a batch of appends; callers may read it without the
   * writer's lock, since a stale or mixed answer does no harm there.
   */
  public final int peekTail() {
    byte[] b = buf;
    int i = bitLength >>> 3;
    return i < b.length ? b[i] : 0;
  }

  /** Appends one bit. */
  public final void writeBit(boolean bit) {
    ensureCapacity(1);
    if (bit) {
      buf[bitLength >>> 3] |= (byte) (0x80 >>> (bitLength & 7));
    }
    bitLength++;
  }

  /** Appends the low {@code n} bits of {@code value} (0 <= n <= 64), most significant first. */
  public final void writeBits(long value, int n) {
    if (n < 0 || n > 64) {
      throw new IllegalArgumentException("bit count " + n + " outside 0..64");
    }
    if (n == 0) {
      return;
    }
    ensureCapacity(n);
    int index = bitLength >>> 3;
    int used = bitLength & 7;
    long aligned = value << (64 - n);
    // OR the bits into an 8-byte window; bytes past the new end are OR-ed with zeros, which
    // writes back what they hold, so concurrent snapshot readers still see valid bytes.
    long word = (long) BIG_ENDIAN_LONG.get(buf, index);
    BIG_ENDIAN_LONG.set(buf, index, word | (aligned >>> used));
    if (used + n > 64) {
      buf[index + 8] |= (byte) (aligned << (8 - used));
    }
    bitLength += n;
  }

  /** Appends the low 8 bits of {@code b}. */
  public final void writeByte(int b) {
    writeBits(b, 8);
  }

  /** Appends {@code value} as an unsigned LEB128 varint (7 bits per byte, low group first). */
  public final void writeUvarint(long value) {
    long v = value;
    while (Long.compareUnsigned(v, 0x80) >= 0) {
      writeByte((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    writeByte((int) v);
  }

  /** Appends {@code value} zig-zag encoded as an unsigned varint, so small negatives stay short. */
  public final void writeVarint(long value) {
    writeUvarint((value << 1) ^ (value >> 63));
  }

  /** Number of bits written. */
  public final int bitLength() {
    return bitLength;
  }

  /** Number of bytes that hold written bits (the last one may be partial). */
  public final int byteLength() {
    return (bitLength + 7) >>> 3;
  }

  /** The live buffer, possibly longer than {@link #byteLength()}; never modify it. */
  final byte[] buffer() {
    return buf;
  }

  /** A copy of exactly the written bytes. */
  public final byte[] toByteArray() {
    return Arrays.copyOf(buf, byteLength());
  }

  private void ensureCapacity(int moreBits) {
    // Eight spare bytes past the last one written let writeBits use whole-word accesses.
    int neededBytes = ((bitLength + moreBits + 7) >>> 3) + 8;
    if (neededBytes > buf.length) {
      grow(neededBytes);
    }
  }

  /** The rare path of {@link #ensureCapacity}, out of line so that the per-bit path stays small. */
  private void grow(int neededBytes) {
    int capacity = grownCapacity(neededBytes, buf.length, byteLength(), samples, expectedSamples);
    buf = Arrays.copyOf(buf, capacity);
  }

  /** Below this many samples the bytes per sample are dominated by the first sample. */
  static final int MIN_SAMPLES_TO_PROJECT = 16;

  /**
   * The capacity that replaces a full buffer of {@code capacity} bytes when {@code neededBytes}
   * (spare bytes included) no longer fit, after {@code samples} samples took {@code bytes} bytes:
   * twice as large, or, once {@link #MIN_SAMPLES_TO_PROJECT} samples are in and fewer than {@code
   * expectedSamples}, what the bytes per sample so far project for {@code expectedSamples} plus an
   * eighth (at least an eighth more than needed, at most four times the old size).
   *
   * <p>Why project: the head cuts a chunk at a known count (120 samples), and doubling a buffer
   * that is nearly done leaves up to half of it unused for the chunk's remaining life, and every
   * growth is a copy (most of the head's allocation). The first samples cost more than the rest
   * (a full timestamp and value), hence the minimum count; the eighth absorbs later samples'
   * spread, and the minimum step keeps a series that turns costlier from copying every few
   * samples.
   */
  static int grownCapacity(
      int neededBytes, int capacity, int bytes, int samples, int expectedSamples) {
    long grown;
    if (expectedSamples <= samples || samples < MIN_SAMPLES_TO_PROJECT) {
      grown = 2L * capacity;
    } else {
      long projected = (long) bytes * expectedSamples / samples;
      projected += projected >> 3;
      grown = Math.min(Math.max(projected + 8, neededBytes + (neededBytes >> 3)), 4L * capacity);
    }
    return (int) Math.min(Math.max(grown, neededBytes), Integer.MAX_VALUE - 16);
  }
}
