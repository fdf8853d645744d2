package dev.vigil.agent.exporter;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that a scrape renders into and that the next scrape reuses, with the number
 * formatting of the Prometheus text formats.
 *
 * <p>Not thread-safe: one scrape owns a buffer at a time.
 */
final class ExpositionBuffer extends OutputStream {

  private static final byte[] POSITIVE_INFINITY = ascii("+Inf");
  private static final byte[] NEGATIVE_INFINITY = ascii("-Inf");

  /** Integral doubles below this print as {@code <digits>.0} under {@link Double#toString}. */
  private static final double PLAIN_INTEGRAL_LIMIT = 1e7;

  private byte[] bytes;
  private int length;

  ExpositionBuffer(int initialCapacity) {
    this.bytes = new byte[initialCapacity];
  }

  /** Forgets the content, keeping the capacity. */
  void reset() {
    length = 0;
  }

  /** Drops what was written after the first {@code newLength} bytes. */
  void truncate(int newLength) {
    if (newLength < 0 || newLength > length) {
      throw new IllegalArgumentException("cannot truncate " + length + " bytes to " + newLength);
    }
    length = newLength;
  }

  int length() {
    return length;
  }

  /** The backing array; valid up to {@link #length()} until the next write. */
  byte[] array() {
    return bytes;
  }

  /** The bytes that are free after the content, growing the array to at least {@code more}. */
  byte[] reserve(int more) {
    ensure(more);
    return bytes;
  }

  /** Marks {@code count} bytes written directly into the array after the content. */
  void advance(int count) {
    length += count;
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int count) {
    ensure(count);
    System.arraycopy(source, offset, bytes, length, count);
    length += count;
  }

  @Override
  public void write(byte[] source) {
    write(source, 0, source.length);
  }

  /** Writes a long in decimal, as client_java's {@code TextFormatUtil.writeLong}. */
  void writeLong(long value) {
    if (value == Long.MIN_VALUE) {
      writeAscii(Long.toString(value));
      return;
    }
    ensure(20);
    long v = value;
    if (v < 0) {
      bytes[length++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    int end = length + digits;
    for (int i = end - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    length = end;
  }

  /**
   * Writes a double exactly as client_java's {@code TextFormatUtil.writeDouble}: {@code +Inf},
   * {@code -Inf}, else {@link Double#toString}. Integral values below 10^7 (counts, bytes, thread
   * numbers: most samples) skip the String: for them {@code Double.toString} is the digits and
   * {@code .0} on every JDK.
   */
  void writeDouble(double value) {
    if (value == Double.POSITIVE_INFINITY) {
      write(POSITIVE_INFINITY);
    } else if (value == Double.NEGATIVE_INFINITY) {
      write(NEGATIVE_INFINITY);
    } else if (value > -PLAIN_INTEGRAL_LIMIT
        && value < PLAIN_INTEGRAL_LIMIT
        && value == (long) value
        && (value != 0 || Double.doubleToRawLongBits(value) == 0)) {
      writeLong((long) value);
      ensure(2);
      bytes[length++] = '.';
      bytes[length++] = '0';
    } else {
      writeAscii(Double.toString(value));
    }
  }

  /** Writes a string known to be ASCII (numbers, fixed keywords). */
  void writeAscii(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
  }

  private void ensure(int more) {
    if (bytes.length - length < more) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  private static byte[] ascii(String text) {
    byte[] out = new byte[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) text.charAt(i);
    }
    return out;
  }
}
