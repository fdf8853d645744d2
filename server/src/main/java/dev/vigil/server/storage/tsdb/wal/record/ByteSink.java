package dev.vigil.server.storage.tsdb.wal.record;

import java.util.Arrays;

/**
 * A growable byte buffer with the few primitives the record encodings use; reusable (see {@link
 * #truncate}), so that a committer can encode every commit into the same array. Not thread-safe.
 */
public final class ByteSink {

  private byte[] buf;
  private int len;

  /** An empty buffer that starts with room for {@code initialCapacity} bytes. */
  public ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Appends one byte. */
  public void writeByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  /** Unsigned LEB128: 7 bits per byte, low bits first, high bit set on all but the last byte. */
  public void writeUvarint(long v) {
    ensure(10);
    while ((v & ~0x7fL) != 0) {
      buf[len++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  /** A signed value, zig-zag mapped so that small magnitudes of either sign stay short. */
  public void writeVarint(long v) {
    writeUvarint((v << 1) ^ (v >> 63));
  }

  /** Eight bytes, big-endian. */
  public void writeLong64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
  }

  /** Appends all of {@code b}. */
  public void writeBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  /** Appends {@code n} bytes to be filled in later with {@link #putInt}; returns where they start. */
  public int skip(int n) {
    ensure(n);
    int at = len;
    len += n;
    return at;
  }

  /** Overwrites four bytes at {@code at}, big-endian. */
  public void putInt(int at, int v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  /** The number of bytes written. */
  public int length() {
    return len;
  }

  /** Forgets everything after the first {@code length} bytes; {@code truncate(0)} empties it. */
  public void truncate(int length) {
    if (length < 0 || length > len) {
      throw new IllegalArgumentException("cannot truncate " + len + " bytes to " + length);
    }
    len = length;
  }

  /** The backing array; bytes {@code [0, length())} are the content. Valid until the next write. */
  public byte[] array() {
    return buf;
  }

  /** The room the backing array has. */
  public int capacity() {
    return buf.length;
  }

  /** A copy of the content. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** The number of bytes {@link #writeUvarint} uses for {@code v}. */
  static int uvarintSize(long v) {
    // 7 bits per byte; v | 1 so that 0 takes one byte like 1.
    return (63 - Long.numberOfLeadingZeros(v | 1)) / 7 + 1;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      long wanted = Math.max((long) buf.length * 2, (long) len + extra);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("record larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }
}
