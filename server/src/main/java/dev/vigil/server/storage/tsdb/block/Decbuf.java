package dev.vigil.server.storage.tsdb.block;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Reads the codings of {@link Encbuf} from a buffer slice, failing with a {@link
 * BlockFormatException} that names {@code where} (file and section) and the offset instead of
 * running off the end.
 */
final class Decbuf {

  private final ByteBuffer buf;
  private final Supplier<String> where;
  private int pos;

  /** Reads {@code buf} from its position to its limit; offsets count from that position. */
  Decbuf(ByteBuffer buf, String where) {
    this(buf, () -> where);
  }

  /**
   * Like {@link #Decbuf(ByteBuffer, String)}, with the place named only when an error needs it:
   * chunk reads are per chunk, and formatting a path and offset for each cost more than the read.
   */
  Decbuf(ByteBuffer buf, Supplier<String> where) {
    this.buf = buf.slice();
    this.where = where;
  }

  int position() {
    return pos;
  }

  void position(int p) {
    if (p < 0 || p > buf.limit()) {
      throw error("offset " + p + " outside " + buf.limit() + " bytes");
    }
    pos = p;
  }

  int remaining() {
    return buf.limit() - pos;
  }

  int getByte() {
    need(1);
    return buf.get(pos++) & 0xff;
  }

  long getU32() {
    need(4);
    long v = buf.getInt(pos) & 0xffffffffL;
    pos += 4;
    return v;
  }

  long getUvarint() {
    long v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int b = getByte();
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw error("varint longer than 10 bytes");
  }

  long getVarint() {
    long u = getUvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** An unsigned varint that must fit in an int index, such as a count or a symbol ref. */
  int getCount() {
    long v = getUvarint();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw error("count " + Long.toUnsignedString(v) + " out of range");
    }
    return (int) v;
  }

  String getString() {
    int n = getCount();
    need(n);
    byte[] b = new byte[n];
    buf.get(pos, b);
    pos += n;
    return new String(b, StandardCharsets.UTF_8);
  }

  byte[] getBytes(int n) {
    need(n);
    byte[] b = new byte[n];
    buf.get(pos, b);
    pos += n;
    return b;
  }

  private void need(int n) {
    if (n < 0 || pos + n > buf.limit()) {
      throw error("needs " + n + " bytes at offset " + pos + ", only " + remaining() + " left");
    }
  }

  BlockFormatException error(String problem) {
    return new BlockFormatException(where.get() + ": " + problem);
  }
}
