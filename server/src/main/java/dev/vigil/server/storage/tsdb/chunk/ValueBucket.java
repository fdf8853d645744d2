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

  /**
   * The row for each {@link #width} 0..64, so that choosing a row is one lookup rather than a walk
   * over the rows. Why a table: the head runs {@link #cost} twice per table and sample for every
   * chunk it seals, in bursts (every series cuts at about the same time), and the walk, inlined at
   * each call site, made the seal path one of the JIT's largest compiles (docs/performance.md,
   * "Warm-up and fixed costs (session 9)").
   */
  private final byte[] rowByWidth = new byte[65];

  /** Bits {@link #write} spends on a value of each {@link #width}. */
  private final byte[] costByWidth = new byte[65];

  ValueBucket(int... payloadBits) {
    this.payloadBits = payloadBits;
    this.last = payloadBits.length - 1;
    for (int w = 0; w <= 64; w++) {
      int row = 0;
      while (row < last && payloadBits[row] < w) {
        row++;
      }
      rowByWidth[w] = (byte) row;
      costByWidth[w] = (byte) (row < last ? row + 1 + payloadBits[row] : last + 64);
    }
  }

  /**
   * The fewest bits that hold {@code x} in two's complement (0 for 0, 1 for -1, 64 for {@link
   * Long#MIN_VALUE}): a row holds {@code x} exactly when its payload is at least this wide.
   */
  static int width(long x) {
    return x == 0 ? 0 : 65 - Long.numberOfLeadingZeros(x ^ (x >> 63));
  }

  /** The table with this header number. */
  static ValueBucket forTable(int table) {
    return values()[table];
  }

  /** Writes {@code x} as the shortest row that holds it. */
  void write(BitWriter w, long x) {
    int row = rowByWidth[width(x)];
    if (row == last) {
      w.writeBits((1L << last) - 1, last);
      w.writeBits(x, 64);
      return;
    }
    // Prefix (row one-bits then a zero) and payload in one call: every row but the last fits in
    // 64 bits, and fewer calls is less code for the JIT to inline at each caller.
    int bits = payloadBits[row];
    long prefix = ((1L << row) - 1) << 1;
    w.writeBits(prefix << bits | (x & ((1L << bits) - 1)), row + 1 + bits);
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
    return costByWidth[width(x)];
  }

  /** The payload widths, smallest first; for tests that walk every edge. */
  int[] payloadBits() {
    return payloadBits.clone();
  }
}
