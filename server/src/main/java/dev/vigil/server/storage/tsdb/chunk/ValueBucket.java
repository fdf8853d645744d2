package dev.vigil.server.storage.tsdb.chunk;

/**
 * The table of value buckets of the INT chunk: a unary prefix (n one-bits then a zero, except the
 * last row, which is all ones) followed by a two's-complement payload holding a delta or a
 * delta-of-delta of integer values.
 *
 * <p>Why a separate table from {@link DodBucket}: timestamp dods are almost always zero or a few
 * milliseconds, while value deltas spread over many magnitudes (a histogram bucket moves by 0..3,
 * a request counter by hundreds, a byte gauge by millions). Rows every 3 to 8 bits keep the waste
 * per sample under a few bits at every magnitude; docs/format/chunks.md has the measurements.
 */
final class ValueBucket {

  /** Payload width of each row; row i has i one-bits of prefix (plus the zero, except the last). */
  private static final int[] PAYLOAD_BITS = {0, 3, 6, 9, 13, 18, 25, 33, 64};

  private static final int LAST = PAYLOAD_BITS.length - 1;

  private ValueBucket() {}

  /** Writes {@code x} as the shortest row that holds it. */
  static void write(BitWriter w, long x) {
    for (int row = 0; row < LAST; row++) {
      int bits = PAYLOAD_BITS[row];
      if (fits(x, bits)) {
        // row one-bits then a zero, in row + 1 bits
        w.writeBits(((1L << row) - 1) << 1, row + 1);
        if (bits > 0) {
          w.writeBits(x, bits);
        }
        return;
      }
    }
    w.writeBits((1L << LAST) - 1, LAST);
    w.writeBits(x, 64);
  }

  /** Reads one row and returns the sign-extended payload. */
  static long read(BitReader r) {
    int row = 0;
    while (row < LAST && r.readBit()) {
      row++;
    }
    int bits = PAYLOAD_BITS[row];
    if (bits == 0) {
      return 0;
    }
    long raw = r.readBits(bits);
    int shift = 64 - bits;
    return (raw << shift) >> shift;
  }

  /** Bits {@link #write} spends on {@code x}. */
  static int cost(long x) {
    for (int row = 0; row < LAST; row++) {
      if (fits(x, PAYLOAD_BITS[row])) {
        return row + 1 + PAYLOAD_BITS[row];
      }
    }
    return LAST + 64;
  }

  /** The payload widths, smallest first; for tests that walk every edge. */
  static int[] payloadBits() {
    return PAYLOAD_BITS.clone();
  }

  private static boolean fits(long x, int bits) {
    if (bits == 0) {
      return x == 0;
    }
    long half = 1L << (bits - 1);
    return x >= -half && x < half;
  }
}
