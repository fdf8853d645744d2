package dev.vigil.server.promql.engine;

import dev.vigil.server.promql.value.Point;
import java.util.List;

/**
 * What a sample's start timestamp (ST) says about counter resets, in OTel's model: a cumulative
 * sample's ST is when its counter started, a delta sample's ST is where its interval began.
 *
 * <p>Points without an ST carry 0 ("unknown"), so every rule here degrades to the plain
 * value-drop rules for series that have none.
 */
final class StartTimestamps {

  private StartTimestamps() {}

  /**
   * Whether {@code cur} starts a new count after {@code prev}, judged by STs alone.
   *
   * <ul>
   *   <li>no ST, or ST at/after the sample's own time (OTel's "unknown start", or invalid): no;
   *   <li>ST before the previous sample: the same count continues: no;
   *   <li>ST after the previous sample: the counter restarted in between: yes;
   *   <li>ST exactly at the previous sample: a delta point (yes) — unless the previous ST was
   *       unknown, equal to its own time, or invalid, which marks a cumulative series with unknown
   *       start whose second point merely points back at the first (no).
   * </ul>
   */
  static boolean isReset(Point prev, Point cur) {
    long st = cur.startTimestamp();
    if (st == 0 || st >= cur.timestamp() || st < prev.timestamp()) {
      return false;
    }
    if (st > prev.timestamp()) {
      return true;
    }
    long prevSt = prev.startTimestamp();
    return prevSt != 0 && prevSt < prev.timestamp();
  }

  /**
   * Whether {@code cur}'s ST claims a start before {@code prev} was taken while not continuing
   * {@code prev}'s count: the two samples overlap, which a well-formed cumulative (same ST) or
   * delta (ST at the previous sample) series never does.
   */
  static boolean overlaps(Point prev, Point cur) {
    long st = cur.startTimestamp();
    return st != 0 && st < prev.timestamp() && st != prev.startTimestamp();
  }

  /**
   * The ST of the window's first point when it lies strictly inside the left-open window and
   * before the point: then the counter is known to have been 0 at that ST, which beats
   * extrapolating to the window's start. 0 when there is no such ST.
   */
  static long usableFirstStart(List<Point> p, long windowStart) {
    Point first = p.get(0);
    long st = first.startTimestamp();
    return st != 0 && st > windowStart && st < first.timestamp() ? st : 0;
  }

  /** The overlap warning, worded as Prometheus words it. */
  static String overlapWarning(String metricName) {
    return "sample has start time that overlaps with previous sample timestamp for metric \""
        + (metricName == null ? "" : metricName)
        + "\"";
  }
}
