package dev.vigil.server.storage.tsdb.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads bits, most significant first, from a byte array written by {@link BitWriter}.
 *
 * <p>Reading past the limit throws {@link ChunkFormatException} naming the bit offset, so a
 * truncated chunk fails loudly instead of decoding zeros.
 */
public final class BitReader {

  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] buf;
  private final long limitBits;
  private long pos;

  /** A reader over {@code buf[startByte .. endByte)}. */
  public BitReader(byte[] buf, int startByte, int endByte) {
    if (startByte < 0 || endByte > buf.length || startByte > endByte) {
      throw new IllegalArgumentException(
          "range [" + startByte + ", " + endByte + ") outside buffer of " + buf.length);
    }
    this.buf = buf;
    this.pos = (long) startByte * 8;
    this.limitBits = (long) endByte * 8;
  }

  /** Reads one bit. */
  public boolean readBit() {
    if (pos >= limitBits) {
      throw truncated(1);
    }
    boolean bit = (buf[(int) (pos >>> 3)] & (0x80 >>> (pos & 7))) != 0;
    pos++;
    return bit;
  }

  /** Reads {@code n} bits (0 <= n <= 64) as an unsigned value in the low bits of the result. */
  public long readBits(int n) {
    if (pos + n > limitBits) {
      throw truncated(n);
    }
    if (n == 0) {
      return 0;
    }
    int index = (int) (pos >>> 3);
    int skip = (int) (pos & 7);
    pos += n;
    // One big-endian 8-byte load covers any n <= 56 - skip; wider reads need a ninth byte.
    long word = load8(index);
    long v = (word << skip) >>> (64 - n);
    int spill = skip + n - 64;
    if (spill > 0) {
      v |= (buf[index + 8] & 0xffL) >>> (8 - spill);
    }
    return v;
  }

  /** Bytes {@code index..index+7} as a big-endian long, zeros past the array's end. */
  private long load8(int index) {
    if (index + 8 <= buf.length) {
      return (long) BIG_ENDIAN_LONG.get(buf, index);
    }
    long word = 0;
    for (int i = 0; i < 8; i++) {
      word <<= 8;
      if (index + i < buf.length) {
        word |= buf[index + i] & 0xffL;
      }
    }
    return word;
  }

  /** Reads an unsigned LEB128 varint as written by {@link BitWriter#writeUvarint}. */
  public long readUvarint() {
    long start = pos;
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      long b = readBits(8);
      v |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new ChunkFormatException("varint longer than 10 bytes", start);
  }

  /** Reads a zig-zag varint as written by {@link BitWriter#writeVarint}. */
  public long readVarint() {
    long u = readUvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** The current bit offset from the start of the array. */
  public long position() {
    return pos;
  }

  private ChunkFormatException truncated(int wanted) {
    return new ChunkFormatException(
        "truncated: wanted " + wanted + " bits, " + (limitBits - pos) + " left", pos);
  }
}
