package dev.vigil.server.storage.tsdb.block;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the integer codings of the block formats (big-endian, LEB128). */
final class Encbuf {

  private byte[] buf;
  private int len;

  Encbuf(int initial) {
    buf = new byte[Math.max(16, initial)];
  }

  int length() {
    return len;
  }

  byte[] array() {
    return buf;
  }

  void reset() {
    len = 0;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  void putByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  void putBytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  void putU32(long v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void putU64(long v) {
    putU32(v >>> 32);
    putU32(v & 0xffffffffL);
  }

  /** Unsigned LEB128; negative values take ten bytes, as their two's complement. */
  void putUvarint(long v) {
    ensure(10);
    while ((v & ~0x7fL) != 0) {
      buf[len++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  /** Zig-zag then LEB128, so small negative numbers stay short. */
  void putVarint(long v) {
    putUvarint((v << 1) ^ (v >> 63));
  }

  /** A UTF-8 string prefixed by its byte length. */
  void putString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putUvarint(b.length);
    putBytes(b, 0, b.length);
  }
}
