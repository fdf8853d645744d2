package dev.vigil.server.storage;

/**
 * The staleness marker: a NaN with a specific bit pattern, the same one Prometheus writes, so it
 * can be told apart from an ordinary NaN that a target exposed. Compare bits, never values.
 */
public final class StaleNaN {

  /** The raw bits of Prometheus's stale marker. */
  public static final long BITS = 0x7ff0000000000002L;

  public static final double VALUE = Double.longBitsToDouble(BITS);

  private StaleNaN() {}

  public static boolean is(double v) {
    return Double.doubleToRawLongBits(v) == BITS;
  }
}
