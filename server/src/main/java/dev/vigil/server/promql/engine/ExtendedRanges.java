package dev.vigil.server.promql.engine;

import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.ParenExpr;
import dev.vigil.server.promql.ast.RangeModifier;
import dev.vigil.server.promql.value.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The experimental {@code anchored} and {@code smoothed} range selectors
 * ({@code promql-extended-range-selectors}): which functions accept them, and the window-edge
 * arithmetic over the points the evaluator reads one lookback delta beyond the window.
 *
 * <p>An anchored window starts at the last sample at or before its left edge (if still within the
 * lookback) instead of the first sample inside it, so increases are never extrapolated. A smoothed
 * window interpolates linearly between the samples around each edge. Both need samples outside
 * {@code (start, end]}: the evaluator hands us those, and only the functions below know what to do
 * with them, so every other function is refused.
 */
final class ExtendedRanges {

  /** Functions that accept an anchored range, as Prometheus lists them. */
  private static final Set<String> ANCHORED_SAFE =
      new TreeSet<>(Set.of("resets", "changes", "rate", "increase", "delta"));

  /** Functions that accept a smoothed range. */
  private static final Set<String> SMOOTHED_SAFE =
      new TreeSet<>(Set.of("rate", "increase", "delta"));

  private ExtendedRanges() {}

  /** Fails like Prometheus when {@code c} gets an anchored/smoothed range it cannot handle. */
  static void checkAllowed(Call c) {
    for (Expr arg : c.args()) {
      while (arg instanceof ParenExpr p) {
        arg = p.expr();
      }
      if (!(arg instanceof MatrixSelector ms)) {
        continue;
      }
      RangeModifier m = ms.selector().rangeModifier();
      Set<String> safe =
          switch (m) {
            case NONE -> null;
            case ANCHORED -> ANCHORED_SAFE;
            case SMOOTHED -> SMOOTHED_SAFE;
          };
      if (safe != null && !safe.contains(c.function().name())) {
        throw new EvalError(
            m.name().toLowerCase()
                + " modifier can only be used with: "
                + String.join(", ", safe)
                + " - not with "
                + c.function().name());
      }
    }
  }

  /**
   * rate/increase/delta over an anchored or smoothed window: the difference of the values at the
   * two edges (picked or interpolated), plus counter-reset corrections, never extrapolated.
   */
  static Double rate(List<Point> f, Evaluator.RangeArg w, boolean isCounter, boolean isRate) {
    boolean smoothed = w.modifier() == RangeModifier.SMOOTHED;
    long rangeStart = w.windowStart();
    long rangeEnd = w.windowEnd();
    int first = anchorIndex(f, rangeStart);
    int last = f.size() - 1;
    if (smoothed) {
      last = firstAtOrAfter(f, rangeEnd);
    }
    if (f.get(last).timestamp() <= rangeStart) {
      return null;
    }
    if (smoothed && f.get(first).timestamp() > rangeEnd) {
      return null;
    }
    double left = leftEdge(f, first, rangeStart, smoothed, isCounter);
    double right = rightEdge(f, last, rangeEnd, smoothed, isCounter);
    double result = right - left;
    if (isCounter) {
      // The edges already account for a reset next to them; correct only for the samples
      // strictly inside the window.
      int from = f.get(first).timestamp() <= rangeStart ? first + 1 : first;
      int to = f.get(last).timestamp() >= rangeEnd ? last - 1 : last;
      double prev = left;
      for (int i = from; i <= to; i++) {
        double v = f.get(i).value();
        if (v < prev) {
          result += prev;
        }
        prev = v;
      }
      if (right < prev) {
        result += prev;
      }
    }
    if (isRate) {
      result /= (rangeEnd - rangeStart) / 1000.0;
    }
    return result;
  }

  /**
   * The points changes() and resets() look at in an anchored window: the anchor (last sample at or
   * before the left edge) and everything after it; empty when no sample lies inside the window.
   */
  static List<Point> anchored(List<Point> f, long rangeStart) {
    int firstInside = 0;
    while (firstInside < f.size() && f.get(firstInside).timestamp() <= rangeStart) {
      firstInside++;
    }
    if (firstInside == f.size()) {
      return List.of();
    }
    return f.subList(Math.max(0, firstInside - 1), f.size());
  }

  /**
   * The range vector an anchored/smoothed selector evaluates to on its own: a point at each window
   * edge (picked or interpolated as a gauge) around the samples strictly inside the window.
   */
  static List<Point> extend(List<Point> f, long mint, long maxt, boolean smoothed) {
    if (f.isEmpty()) {
      return List.of();
    }
    int first = anchorIndex(f, mint);
    int last = smoothed ? firstAtOrAfter(f, maxt) : f.size() - 1;
    if (f.get(last).timestamp() <= mint) {
      return List.of();
    }
    double left = leftEdge(f, first, mint, smoothed, false);
    double right = rightEdge(f, last, maxt, smoothed, false);
    if (f.get(first).timestamp() <= mint) {
      first++;
    }
    if (f.get(last).timestamp() >= maxt) {
      last--;
    }
    List<Point> out = new ArrayList<>();
    out.add(new Point(mint, left));
    for (int i = first; i <= last; i++) {
      out.add(f.get(i));
    }
    out.add(new Point(maxt, right));
    return out;
  }

  /**
   * The value of a smoothed instant selector at {@code t}: the sample at t, else the interpolation
   * between the samples around t, else the last one before t; null when nothing precedes t.
   * {@code f} holds the samples within one lookback delta on either side of t.
   */
  static Double smoothedValue(List<Point> f, long t) {
    int i = 0;
    while (i < f.size() && f.get(i).timestamp() < t) {
      i++;
    }
    if (i < f.size() && f.get(i).timestamp() == t) {
      return f.get(i).value();
    }
    if (i == 0) {
      return null;
    }
    if (i < f.size()) {
      return interpolate(f.get(i - 1), f.get(i), t, false);
    }
    return f.get(i - 1).value();
  }

  /** Index of the last sample at or before {@code t} among all but the last sample, else 0. */
  private static int anchorIndex(List<Point> f, long t) {
    int n = 0;
    while (n < f.size() - 1 && f.get(n).timestamp() <= t) {
      n++;
    }
    return Math.max(0, n - 1);
  }

  /** Index of the first sample at or after {@code t} among all but the last, else the last. */
  private static int firstAtOrAfter(List<Point> f, long t) {
    int i = 0;
    while (i < f.size() - 1 && f.get(i).timestamp() < t) {
      i++;
    }
    return i;
  }

  private static double leftEdge(
      List<Point> f, int first, long rangeStart, boolean smoothed, boolean isCounter) {
    if (smoothed && f.get(first).timestamp() < rangeStart) {
      return interpolate(f.get(first), f.get(first + 1), rangeStart, isCounter);
    }
    return f.get(first).value();
  }

  private static double rightEdge(
      List<Point> f, int last, long rangeEnd, boolean smoothed, boolean isCounter) {
    if (smoothed && last > 0 && f.get(last).timestamp() > rangeEnd) {
      return interpolate(f.get(last - 1), f.get(last), rangeEnd, isCounter);
    }
    return f.get(last).value();
  }

  /** Linear interpolation; a counter that dropped is taken to have restarted from zero. */
  private static double interpolate(Point p1, Point p2, long t, boolean isCounter) {
    double y1 = p1.value();
    double y2 = p2.value();
    if (isCounter && y2 < y1) {
      y1 = 0;
    }
    return y1 + (y2 - y1) * (t - p1.timestamp()) / (double) (p2.timestamp() - p1.timestamp());
  }
}
