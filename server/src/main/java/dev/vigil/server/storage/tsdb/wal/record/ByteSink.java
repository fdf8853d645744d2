package dev.vigil.server.storage.tsdb.wal.record;

import java.util.Arrays;

/** A growable byte buffer with the few primitives the record encodings use. Not thread-safe. */
final class ByteSink {

  private byte[] buf;
  private int len;

  ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  void writeByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  /** Unsigned LEB128: 7 bits per byte, low bits first, high bit set on all but the last byte. */
  void writeUvarint(long v) {
    ensure(10);
    while ((v & ~0x7fL) != 0) {
      buf[len++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  /** A signed value, zig-zag mapped so that small magnitudes of either sign stay short. */
  void writeVarint(long v) {
    writeUvarint((v << 1) ^ (v >> 63));
  }

  /** Eight bytes, big-endian. */
  void writeLong64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
  }

  void writeBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** The number of bytes {@link #writeUvarint} uses for {@code v}. */
  static int uvarintSize(long v) {
    int n = 1;
    while ((v & ~0x7fL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
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
