package dev.vigil.server.promql.value;

/**
 * A float value at a millisecond timestamp, with the sample's start timestamp (0: unknown).
 *
 * <p>Only points read straight from storage carry a start timestamp; computed points (subqueries)
 * never do, which is how Prometheus "cuts" start-timestamp propagation at a subquery.
 */
public record Point(long timestamp, double value, long startTimestamp) {

  /** A point without a start timestamp. */
  public Point(long timestamp, double value) {
    this(timestamp, value, 0);
  }

  /** Whether this point carries a start timestamp. */
  public boolean hasStartTimestamp() {
    return startTimestamp != 0;
  }
}
