package dev.vigil.server.storage.tsdb.chunk;

/**
 * The table of delta-of-delta buckets of the XOR chunk: a unary prefix (n one-bits then a zero,
 * except the last row which is all ones) followed by a two's-complement payload.
 *
 * <p>Why not Prometheus's 14/17/20-bit payloads: those put millisecond scrape jitter (dod of a few
 * ms either way) into a 16-bit code. Here jitter up to +-8 ms costs 6 bits, a late or early scrape
 * up to +-0.5 s costs 13 bits, and a missed scrape at intervals up to 60 s costs 21 bits
 * (Prometheus: 16, 16, 20). Only dods between +-65 s and +-524 s, rare by nature, cost more (68
 * bits vs 24); beyond that both pay 68. docs/format/chunks.md has the measurements behind the
 * widths.
 */
enum DodBucket {
  /** dod == 0: the interval did not change. */
  ZERO(1, 0),
  /** Scheduling jitter. */
  JITTER(2, 4),
  /** A late or early scrape. */
  LATE(3, 10),
  /** A missed scrape or an interval change. */
  GAP(4, 17),
  /** Anything else: the raw 64-bit dod. */
  FULL(4, 64);

  private static final DodBucket[] BY_ONES = values();

  /** Prefix length in bits: the number of one-bits, plus the terminating zero except in FULL. */
  final int prefixBits;

  /** Width of the signed payload. */
  final int payloadBits;

  private final long min;
  private final long max;

  DodBucket(int prefixBits, int payloadBits) {
    this.prefixBits = prefixBits;
    this.payloadBits = payloadBits;
    this.min =
        payloadBits == 0 ? 0 : payloadBits == 64 ? Long.MIN_VALUE : -(1L << (payloadBits - 1));
    this.max =
        payloadBits == 0 ? 0 : payloadBits == 64 ? Long.MAX_VALUE : (1L << (payloadBits - 1)) - 1;
  }

  /** The smallest bucket whose payload can hold {@code dod}. */
  static DodBucket forDod(long dod) {
    for (DodBucket b : BY_ONES) {
      if (dod >= b.min && dod <= b.max) {
        return b;
      }
    }
    throw new AssertionError("FULL holds every long");
  }

  /** Writes the prefix and payload of {@code dod}. */
  void write(BitWriter w, long dod) {
    int ones = ordinal();
    // n ones then a zero; FULL drops the zero because no longer prefix exists.
    long prefix = ((1L << ones) - 1) << (prefixBits - ones);
    if (payloadBits == 64) {
      w.writeBits(prefix, prefixBits);
      w.writeBits(dod, 64);
      return;
    }
    // Prefix and payload in one call (at most 21 bits): every sample of every series writes one,
    // and each call is an inlined bounds check and word write in the JIT's code.
    w.writeBits(prefix << payloadBits | (dod & ((1L << payloadBits) - 1)), prefixBits + payloadBits);
  }

  /** Reads one prefix and payload and returns the dod. */
  static long read(BitReader r) {
    int ones = 0;
    while (ones < BY_ONES.length - 1 && r.readBit()) {
      ones++;
    }
    DodBucket b = BY_ONES[ones];
    if (b.payloadBits == 0) {
      return 0;
    }
    long raw = r.readBits(b.payloadBits);
    int shift = 64 - b.payloadBits;
    return (raw << shift) >> shift;
  }
}
