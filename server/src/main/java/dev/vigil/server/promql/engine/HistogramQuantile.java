package dev.vigil.server.promql.engine;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * histogram_quantile, histogram_quantiles and histogram_fraction over classic {@code le} buckets,
 * following Prometheus's BucketQuantile and BucketFraction.
 */
final class HistogramQuantile {

  private static final double SMALL_DELTA_TOLERANCE = 1e-12;

  private HistogramQuantile() {}

  static Value apply(Evaluator ev, Call c, long t) {
    double q = ev.scalar(c.args().get(0), t);
    validate(ev, q, c.args().get(0));
    Expr arg = c.args().get(1);
    List<Sample> out = new ArrayList<>();
    for (var g : ClassicBuckets.group(ev, ev.vector(arg, t).samples(), arg).entrySet()) {
      out.add(ev.dropName(g.getKey(), t, quantile(ev, arg, q, g.getKey(), g.getValue())));
    }
    return new Vector(out);
  }

  /**
   * The experimental {@code histogram_quantiles(v, "label", q0, q1, ...)}: one result per
   * histogram and quantile, told apart by {@code label} set to the quantile in OpenMetrics form.
   */
  static Value applyMany(Evaluator ev, Call c, long t) {
    String label = ev.string(c.args().get(1), t);
    List<Double> qs = new ArrayList<>();
    for (int i = 2; i < c.args().size(); i++) {
      double q = ev.scalar(c.args().get(i), t);
      validate(ev, q, c.args().get(i));
      qs.add(q);
    }
    Expr arg = c.args().get(0);
    Map<Labels, List<ClassicBuckets.Bucket>> groups =
        ClassicBuckets.group(ev, ev.vector(arg, t).samples(), arg);
    List<Sample> out = new ArrayList<>();
    for (double q : qs) {
      for (var g : groups.entrySet()) {
        Labels l = g.getKey().toBuilder().set(label, openMetricsFloat(q)).build();
        out.add(ev.dropName(l, t, quantile(ev, arg, q, g.getKey(), g.getValue())));
      }
    }
    return new Vector(out);
  }

  /** {@code histogram_fraction(lower, upper, v)} over classic histograms. */
  static Value fraction(Evaluator ev, Call c, long t) {
    double lower = ev.scalar(c.args().get(0), t);
    double upper = ev.scalar(c.args().get(1), t);
    Expr arg = c.args().get(2);
    List<Sample> out = new ArrayList<>();
    for (var g : ClassicBuckets.group(ev, ev.vector(arg, t).samples(), arg).entrySet()) {
      out.add(ev.dropName(g.getKey(), t, ClassicBuckets.fraction(lower, upper, g.getValue())));
    }
    return new Vector(out);
  }

  private static void validate(Evaluator ev, double q, Expr arg) {
    if (Double.isNaN(q) || q < 0 || q > 1) {
      ev.annotations.warn(
          "quantile value should be between 0 and 1, got " + GoFloat.formatG(q),
          arg.positionRange());
    }
  }

  /** A float as OpenMetrics writes label values: always with a fraction or exponent. */
  static String openMetricsFloat(double q) {
    if (Double.isNaN(q)) {
      return "NaN";
    }
    if (Double.isInfinite(q)) {
      return q > 0 ? "+Inf" : "-Inf";
    }
    String s = GoFloat.formatG(q);
    return s.matches(".*[.eE].*") ? s : s + ".0";
  }

  private static double quantile(
      Evaluator ev, Expr arg, double q, Labels histogram, List<ClassicBuckets.Bucket> raw) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    List<ClassicBuckets.Bucket> merged = ClassicBuckets.sorted(raw);
    if (merged == null) {
      return Double.NaN;
    }
    if (merged.size() < 2) {
      return Double.NaN;
    }
    double[] counts = new double[merged.size()];
    boolean fixed = false;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < counts.length; i++) {
      double cur = merged.get(i).count();
      if (cur >= max) {
        max = cur;
      } else if (cur >= max * (1 - SMALL_DELTA_TOLERANCE)) {
        // Tiny decreases are float noise: flatten quietly.
      } else {
        fixed = true;
      }
      counts[i] = Math.max(cur, max);
      if (cur < max && cur >= max * (1 - SMALL_DELTA_TOLERANCE)) {
        counts[i] = max;
      }
    }
    if (fixed) {
      ev.annotations.info(
          "input to histogram_quantile needed to be fixed for monotonicity (see"
              + " https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)"
              + " for metric name \""
              + (ev.options.delayedNameRemoval() ? histogram.getOrEmpty(Labels.METRIC_NAME) : "")
              + "\"",
          arg.positionRange());
    }
    double observations = counts[counts.length - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < counts.length - 1 && counts[b] < rank) {
      b++;
    }
    if (b == counts.length - 1) {
      return merged.get(counts.length - 2).upper();
    }
    if (b == 0 && merged.get(0).upper() <= 0) {
      return merged.get(0).upper();
    }
    double bucketStart = 0;
    double bucketEnd = merged.get(b).upper();
    double count = counts[b];
    if (b > 0) {
      bucketStart = merged.get(b - 1).upper();
      count -= counts[b - 1];
      rank -= counts[b - 1];
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }
}
