package dev.vigil.server.storage.tsdb.chunk;

/**
 * The tables of value buckets of the INT chunk: a unary prefix (n one-bits then a zero, except the
 * last row, which is all ones) followed by a two's-complement payload holding a delta or a
 * delta-of-delta of integer values. A chunk names its table in its header.
 *
 * <p>Why tables separate from {@link DodBucket}, and two of them: timestamp dods are almost always
 * zero or a few milliseconds, while value deltas spread over many magnitudes. {@link #NARROW} has
 * rows every 3 to 8 bits for counters and gauges that move by little (a histogram bucket by 0..3,
 * a request counter by hundreds); {@link #WIDE} reaches the 23 bits of a byte gauge that moves by
 * megabytes with a 3-bit prefix, where NARROW would spend 7 (a 17-bit row in between cost the
 * byte gauge a bit per sample and is covered by NARROW's 18-bit row). docs/format/chunks.md has the
 * measurements.
 */
enum ValueBucket {
  /** Table 0: small steps. */
  NARROW(0, 3, 6, 9, 13, 18, 25, 33, 64),
  /** Table 1: steps of thousands to millions. */
  WIDE(0, 10, 23, 28, 36, 64);

  /** Payload width of each row; row i has i one-bits of prefix (plus the zero, except the last). */
  private final int[] payloadBits;

  private final int last;

  ValueBucket(int... payloadBits) {
    this.payloadBits = payloadBits;
    this.last = payloadBits.length - 1;
  }

  /** The table with this header number. */
  static ValueBucket forTable(int table) {
    return values()[table];
  }

  /** Writes {@code x} as the shortest row that holds it. */
  void write(BitWriter w, long x) {
    for (int row = 0; row < last; row++) {
      int bits = payloadBits[row];
      if (fits(x, bits)) {
        // row one-bits then a zero, in row + 1 bits
        w.writeBits(((1L << row) - 1) << 1, row + 1);
        if (bits > 0) {
          w.writeBits(x, bits);
        }
        return;
      }
    }
    w.writeBits((1L << last) - 1, last);
    w.writeBits(x, 64);
  }

  /** Reads one row and returns the sign-extended payload. */
  long read(BitReader r) {
    int row = 0;
    while (row < last && r.readBit()) {
      row++;
    }
    int bits = payloadBits[row];
    if (bits == 0) {
      return 0;
    }
    long raw = r.readBits(bits);
    int shift = 64 - bits;
    return (raw << shift) >> shift;
  }

  /** Bits {@link #write} spends on {@code x}. */
  int cost(long x) {
    for (int row = 0; row < last; row++) {
      if (fits(x, payloadBits[row])) {
        return row + 1 + payloadBits[row];
      }
    }
    return last + 64;
  }

  /** The payload widths, smallest first; for tests that walk every edge. */
  int[] payloadBits() {
    return payloadBits.clone();
  }

  private static boolean fits(long x, int bits) {
    if (bits == 0) {
      return x == 0;
    }
    long half = 1L << (bits - 1);
    return x >= -half && x < half;
  }
}
