package dev.vigil.server.storage.tsdb.wal.record;

/**
 * One float sample of the series with reference {@code ref}.
 *
 * <p>The WAL keeps the value's raw bits, so NaN payloads (in particular the stale marker) survive
 * a round trip. Note that the generated {@code equals} compares doubles with {@link
 * Double#compare}, which treats all NaNs as equal; compare {@link #valueBits()} when the payload
 * matters.
 */
public record RefSample(long ref, long timestamp, double value) {

  /** The value's raw IEEE 754 bits, NaN payload included. */
  public long valueBits() {
    return Double.doubleToRawLongBits(value);
  }
}
