package dev.vigil.server.scrape;

import java.time.Duration;

/**
 * Snaps a loop's scrape timestamps onto its schedule (a grid of interval multiples) when they are
 * within a small tolerance of it, so consecutive timestamps are exactly one interval apart and the
 * TSDB stores their delta-of-delta as a single zero bit instead of a jitter code.
 *
 * <p>Like Prometheus's {@code --scrape.timestamp-tolerance} (default 2 ms, clamped to 1 % of the
 * interval), but where Prometheus only snaps a late scrape back, we snap to the nearest grid point
 * either way: a tick that fires a millisecond early is just as much jitter. And where Prometheus
 * keeps its grid from the loop's start, a scrape off the grid here becomes the new anchor, so a
 * wall clock that slowly drifts against the scheduler's monotonic clock realigns instead of
 * falling out of tolerance for good. Not thread-safe; the loop calls it under its lock.
 */
final class ScrapeTimeAligner {

  private final long intervalMillis;
  private final long toleranceMillis;
  private long anchor;
  private boolean anchored;

  /**
   * An aligner for a loop scraping every {@code interval}; a zero {@code tolerance} turns it off.
   *
   * @throws IllegalArgumentException when the interval is not positive or the tolerance negative
   */
  ScrapeTimeAligner(Duration interval, Duration tolerance) {
    if (interval.toMillis() <= 0) {
      throw new IllegalArgumentException("scrape interval must be positive, got " + interval);
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("timestamp tolerance must not be negative: " + tolerance);
    }
    this.intervalMillis = interval.toMillis();
    this.toleranceMillis = Math.min(intervalMillis / 100, tolerance.toMillis());
  }

  /** The effective tolerance in milliseconds, after clamping to 1 % of the interval. */
  long toleranceMillis() {
    return toleranceMillis;
  }

  /**
   * The timestamp to store for a scrape that started at {@code nowMillis}: the nearest grid point
   * when within tolerance, else {@code nowMillis}, which then anchors the grid.
   */
  long align(long nowMillis) {
    if (!anchored || toleranceMillis == 0) {
      anchor = nowMillis;
      anchored = true;
      return nowMillis;
    }
    long steps = Math.floorDiv(nowMillis - anchor + intervalMillis / 2, intervalMillis);
    long nearest = anchor + steps * intervalMillis;
    if (Math.abs(nowMillis - nearest) <= toleranceMillis) {
      return nearest;
    }
    anchor = nowMillis;
    return nowMillis;
  }
}
