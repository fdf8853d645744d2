package dev.vigil.server.promql.engine;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.ParenExpr;
import dev.vigil.server.promql.ast.RangeModifier;
import dev.vigil.server.promql.value.Point;
import dev.vigil.server.promql.value.RangeSeries;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Functions over range vectors: rate and friends, the *_over_time family, deriv, ... */
final class RangeFunctions {

  /** Reduces one series' points in the window to a value, or null for no output. */
  interface Reducer {
    Double apply(List<Point> points, Evaluator.RangeArg window, Evaluator ev, Call c, long t);
  }

  private RangeFunctions() {}

  static void register(Map<String, Functions.Impl> table) {
    row(table, "rate", 0, true, (p, w, ev, c, t) -> extrapolated(p, w, true, true));
    row(table, "increase", 0, true, (p, w, ev, c, t) -> extrapolated(p, w, true, false));
    row(table, "delta", 0, true, (p, w, ev, c, t) -> extrapolated(p, w, false, false));
    row(table, "irate", 0, true, (p, w, ev, c, t) -> instant(p, true));
    row(table, "idelta", 0, true, (p, w, ev, c, t) -> instant(p, false));
    row(table, "sum_over_time", 0, true, (p, w, ev, c, t) -> sum(p));
    row(table, "avg_over_time", 0, true, (p, w, ev, c, t) -> avg(p));
    row(table, "count_over_time", 0, true, (p, w, ev, c, t) -> (double) p.size());
    row(table, "min_over_time", 0, true, (p, w, ev, c, t) -> minMax(p, true));
    row(table, "max_over_time", 0, true, (p, w, ev, c, t) -> minMax(p, false));
    row(table, "last_over_time", 0, false, (p, w, ev, c, t) -> p.get(p.size() - 1).value());
    row(table, "first_over_time", 0, false, (p, w, ev, c, t) -> p.get(0).value());
    row(table, "present_over_time", 0, true, (p, w, ev, c, t) -> 1.0);
    row(table, "ts_of_last_over_time", 0, true,
        (p, w, ev, c, t) -> p.get(p.size() - 1).timestamp() / 1000.0);
    row(table, "ts_of_first_over_time", 0, true,
        (p, w, ev, c, t) -> p.get(0).timestamp() / 1000.0);
    row(table, "ts_of_min_over_time", 0, true, (p, w, ev, c, t) -> tsOfMinMax(p, true));
    row(table, "ts_of_max_over_time", 0, true, (p, w, ev, c, t) -> tsOfMinMax(p, false));
    row(table, "stddev_over_time", 0, true, (p, w, ev, c, t) -> Math.sqrt(variance(p)));
    row(table, "stdvar_over_time", 0, true, (p, w, ev, c, t) -> variance(p));
    row(table, "mad_over_time", 0, true, (p, w, ev, c, t) -> mad(p));
    row(table, "changes", 0, true, (p, w, ev, c, t) -> changes(anchored(p, w), false));
    row(table, "resets", 0, true, (p, w, ev, c, t) -> changes(anchored(p, w), true));
    row(table, "deriv", 0, true,
        (p, w, ev, c, t) -> p.size() < 2 ? null : regression(p, p.get(0).timestamp())[0]);
    row(table, "predict_linear", 0, true, RangeFunctions::predictLinear);
    row(table, "quantile_over_time", 1, true,
        (p, w, ev, c, t) ->
            Aggregations.quantile(
                ev.scalar(c.args().get(0), t),
                p.stream().mapToDouble(Point::value).toArray()));
    row(table, "double_exponential_smoothing", 0, true, RangeFunctions::smoothing);
  }

  private static void row(
      Map<String, Functions.Impl> table, String name, int argIndex, boolean dropsName,
      Reducer r) {
    table.put(name, (ev, c, t) -> evaluate(ev, c, t, argIndex, dropsName, r));
  }

  private static Value evaluate(
      Evaluator ev, Call c, long t, int argIndex, boolean dropsName, Reducer r) {
    if (c.function().name().equals("quantile_over_time")) {
      double q = ev.scalar(c.args().get(0), t);
      if (Double.isNaN(q) || q < 0 || q > 1) {
        ev.annotations.warn(
            "quantile value should be between 0 and 1, got " + GoFloat.formatG(q),
            c.args().get(0).positionRange());
      }
    }
    Evaluator.RangeArg window = ev.range(c.args().get(argIndex), t);
    List<Sample> out = new ArrayList<>();
    for (RangeSeries s : window.series()) {
      if (s.points().isEmpty()) {
        continue;
      }
      if (window.modifier() == RangeModifier.NONE
          && (c.function().name().equals("rate") || c.function().name().equals("increase"))) {
        overlapWarning(ev, c, s);
      }
      Double v = r.apply(s.points(), window, ev, c, t);
      if (v == null) {
        continue;
      }
      if (dropsName) {
        out.add(ev.dropName(s.labels(), t, v));
      } else {
        out.add(new Sample(s.labels(), t, v, s.dropName()));
      }
      if (c.function().name().equals("rate") || c.function().name().equals("increase")) {
        counterNameInfo(ev, c, s.labels());
      }
    }
    return new Vector(out);
  }

  /** Warns (once per series and step, as Prometheus counts them) about overlapping STs. */
  private static void overlapWarning(Evaluator ev, Call c, RangeSeries s) {
    List<Point> p = s.points();
    for (int i = 1; i < p.size(); i++) {
      if (StartTimestamps.overlaps(p.get(i - 1), p.get(i))) {
        ev.annotations.warnCounted(
            StartTimestamps.overlapWarning(s.labels().metricName()),
            c.args().get(0).positionRange());
        return;
      }
    }
  }

  private static void counterNameInfo(Evaluator ev, Call c, Labels labels) {
    String name = labels.metricName();
    Expr arg = c.args().get(0);
    while (arg instanceof ParenExpr p) {
      arg = p.expr();
    }
    if (name == null || !(arg instanceof MatrixSelector)) {
      return;
    }
    if (!name.endsWith("_total")
        && !name.endsWith("_sum")
        && !name.endsWith("_count")
        && !name.endsWith("_bucket")) {
      ev.annotations.info(
          "metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \""
              + name
              + "\"",
          arg.positionRange());
    }
  }

  /**
   * Prometheus's extrapolatedRate: the change over the window, extrapolated to the window's edges
   * by at most 1.1 average sample spacings (else half a spacing), never below zero for counters.
   */
  static Double extrapolated(
      List<Point> p, Evaluator.RangeArg w, boolean isCounter, boolean isRate) {
    if (w.modifier() != RangeModifier.NONE) {
      return ExtendedRanges.rate(p, w, isCounter, isRate);
    }
    Point first = p.get(0);
    Point last = p.get(p.size() - 1);
    double result = last.value() - first.value();
    if (isCounter) {
      for (int i = 1; i < p.size(); i++) {
        Point prev = p.get(i - 1);
        Point cur = p.get(i);
        if (cur.value() < prev.value() || StartTimestamps.isReset(prev, cur)) {
          result += prev.value();
        }
      }
    }
    double toStart = (first.timestamp() - w.windowStart()) / 1000.0;
    double toEnd = (w.windowEnd() - last.timestamp()) / 1000.0;
    double sampled = (last.timestamp() - first.timestamp()) / 1000.0;
    double avgSpacing = p.size() > 1 ? sampled / (p.size() - 1) : 0;
    double threshold = avgSpacing * 1.1;
    long firstStart = isCounter ? StartTimestamps.usableFirstStart(p, w.windowStart()) : 0;
    if (firstStart != 0) {
      // The counter was 0 at its start timestamp inside the window: measure from there instead
      // of extrapolating left. This also lets a single sample yield a rate (with no extrapolation
      // to the right, since one sample gives no spacing), as in Prometheus.
      toStart = 0;
      sampled = (last.timestamp() - firstStart) / 1000.0;
      result += first.value();
    } else if (p.size() < 2) {
      return null;
    } else {
      if (toStart >= threshold) {
        toStart = avgSpacing / 2;
      }
      if (isCounter && result > 0 && first.value() >= 0) {
        double toZero = sampled * (first.value() / result);
        if (toZero < toStart) {
          toStart = toZero;
        }
      }
    }
    if (toEnd >= threshold) {
      toEnd = avgSpacing / 2;
    }
    double factor = sampled != 0 ? (sampled + toStart + toEnd) / sampled : 1;
    if (isRate) {
      factor /= (w.windowEnd() - w.windowStart()) / 1000.0;
    }
    return result * factor;
  }

  private static Double instant(List<Point> p, boolean isRate) {
    if (p.size() < 2) {
      return null;
    }
    Point last = p.get(p.size() - 1);
    Point prev = p.get(p.size() - 2);
    boolean reset =
        isRate && (last.value() < prev.value() || StartTimestamps.isReset(prev, last));
    double result = reset ? last.value() : last.value() - prev.value();
    long interval = last.timestamp() - prev.timestamp();
    if (interval == 0) {
      return null;
    }
    return isRate ? result / (interval / 1000.0) : result;
  }

  private static Double sum(List<Point> p) {
    KahanSum s = new KahanSum();
    p.forEach(x -> s.add(x.value()));
    return s.value();
  }

  private static Double avg(List<Point> p) {
    KahanSum k = new KahanSum();
    p.forEach(x -> k.add(x.value()));
    double s = k.value();
    if (!Double.isInfinite(s) || p.stream().anyMatch(x -> Double.isInfinite(x.value()))) {
      return k.mean(p.size());
    }
    double mean = 0;
    int i = 0;
    for (Point x : p) {
      i++;
      mean += x.value() / i - mean / i;
    }
    return mean;
  }

  private static Double minMax(List<Point> p, boolean min) {
    double r = p.get(0).value();
    for (Point x : p) {
      double v = x.value();
      if ((min ? v < r : v > r) || Double.isNaN(r)) {
        r = v;
      }
    }
    return r;
  }

  private static Double tsOfMinMax(List<Point> p, boolean min) {
    double r = p.get(0).value();
    long ts = p.get(0).timestamp();
    for (Point x : p) {
      double v = x.value();
      if ((min ? v <= r : v >= r) || Double.isNaN(r)) {
        r = v;
        ts = x.timestamp();
      }
    }
    return ts / 1000.0;
  }

  private static double variance(List<Point> p) {
    return Aggregations.variance(p.stream().mapToDouble(Point::value).toArray());
  }

  private static Double mad(List<Point> p) {
    double[] vs = p.stream().mapToDouble(Point::value).toArray();
    if (java.util.Arrays.stream(vs).anyMatch(Double::isNaN)) {
      return Double.NaN;
    }
    double median = Aggregations.quantile(0.5, vs);
    double[] dev = new double[vs.length];
    for (int i = 0; i < vs.length; i++) {
      dev[i] = Math.abs(vs[i] - median);
    }
    return Aggregations.quantile(0.5, dev);
  }

  /** An anchored window's points from its anchor on; any other window's points unchanged. */
  private static List<Point> anchored(List<Point> p, Evaluator.RangeArg w) {
    return w.modifier() == RangeModifier.ANCHORED
        ? ExtendedRanges.anchored(p, w.windowStart())
        : p;
  }

  private static Double changes(List<Point> p, boolean resetsOnly) {
    if (p.isEmpty()) {
      return null;
    }
    int n = 0;
    double prev = p.get(0).value();
    for (int i = 1; i < p.size(); i++) {
      double cur = p.get(i).value();
      if (resetsOnly) {
        if (cur < prev || StartTimestamps.isReset(p.get(i - 1), p.get(i))) {
          n++;
        }
      } else if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
        n++;
      }
      prev = cur;
    }
    return (double) n;
  }

  /** Least-squares slope and intercept with x in seconds relative to {@code interceptTime}. */
  static double[] regression(List<Point> p, long interceptTime) {
    double initY = p.get(0).value();
    boolean constant = true;
    KahanSum sumX = new KahanSum();
    KahanSum sumY = new KahanSum();
    KahanSum sumXY = new KahanSum();
    KahanSum sumX2 = new KahanSum();
    for (Point x : p) {
      if (constant && x.value() != initY) {
        constant = false;
      }
      double dx = (x.timestamp() - interceptTime) / 1000.0;
      sumX.add(dx);
      sumY.add(x.value());
      sumXY.add(dx * x.value());
      sumX2.add(dx * dx);
    }
    if (constant && !Double.isInfinite(initY)) {
      return new double[] {0, initY};
    }
    double n = p.size();
    double covXY = sumXY.value() - sumX.value() * sumY.value() / n;
    double varX = sumX2.value() - sumX.value() * sumX.value() / n;
    double slope = covXY / varX;
    double intercept = sumY.value() / n - slope * sumX.value() / n;
    return new double[] {slope, intercept};
  }

  private static Double predictLinear(
      List<Point> p, Evaluator.RangeArg w, Evaluator ev, Call c, long t) {
    if (p.size() < 2) {
      return null;
    }
    double duration = ev.scalar(c.args().get(1), t);
    double[] r = regression(p, t);
    return r[0] * duration + r[1];
  }

  private static Double smoothing(
      List<Point> p, Evaluator.RangeArg w, Evaluator ev, Call c, long t) {
    double sf = ev.scalar(c.args().get(1), t);
    double tf = ev.scalar(c.args().get(2), t);
    if (!(sf > 0 && sf < 1)) {
      throw new EvalError(
          "invalid smoothing factor. Expected: 0 < sf < 1, got: " + GoFloat.format(sf, 'f'));
    }
    if (!(tf > 0 && tf < 1)) {
      throw new EvalError(
          "invalid trend factor. Expected: 0 < tf < 1, got: " + GoFloat.format(tf, 'f'));
    }
    if (p.size() < 2) {
      return null;
    }
    double s0 = 0;
    double s1 = p.get(0).value();
    double b = p.get(1).value() - p.get(0).value();
    for (int i = 1; i < p.size(); i++) {
      double x = sf * p.get(i).value();
      if (i > 1) {
        b = tf * (s1 - s0) + (1 - tf) * b;
      }
      double y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  }
}
