package dev.vigil.server.promql.engine;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** histogram_quantile over classic {@code le} buckets, following Prometheus's BucketQuantile. */
final class HistogramQuantile {

  private static final double SMALL_DELTA_TOLERANCE = 1e-12;

  private record Bucket(double upper, double count) {}

  private HistogramQuantile() {}

  static Value apply(Evaluator ev, Call c, long t) {
    double q = ev.scalar(c.args().get(0), t);
    if (Double.isNaN(q) || q < 0 || q > 1) {
      ev.annotations.warn(
          "quantile value should be between 0 and 1, got " + GoFloat.formatG(q),
          c.args().get(0).positionRange());
    }
    Map<Labels, List<Bucket>> groups = new LinkedHashMap<>();
    for (Sample s : ev.vector(c.args().get(1), t).samples()) {
      String le = s.labels().get("le");
      double upper;
      try {
        upper = le == null ? Double.NaN : GoFloat.parse(le);
      } catch (NumberFormatException e) {
        upper = Double.NaN;
      }
      if (Double.isNaN(upper)) {
        ev.annotations.warn(
            "bucket label \"le\" is missing or has a malformed value of \""
                + (le == null ? "" : le)
                + "\" for metric name \""
                + s.labels().getOrEmpty("__name__")
                + "\"",
            c.args().get(1).positionRange());
        continue;
      }
      Labels key = Evaluator.stripName(s.labels().without("le"));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Bucket(upper, s.value()));
    }
    List<Sample> out = new ArrayList<>();
    for (Map.Entry<Labels, List<Bucket>> g : groups.entrySet()) {
      double v = quantile(ev, c, q, g.getValue());
      out.add(new Sample(g.getKey(), t, v, false));
    }
    return new Vector(out);
  }

  private static double quantile(Evaluator ev, Call c, double q, List<Bucket> raw) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    List<Bucket> buckets = new ArrayList<>(raw);
    buckets.sort((a, b) -> Double.compare(a.upper(), b.upper()));
    if (buckets.get(buckets.size() - 1).upper() != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    // Merge buckets with the same bound ("1" and "1.0").
    List<Bucket> merged = new ArrayList<>();
    for (Bucket b : buckets) {
      int last = merged.size() - 1;
      if (last >= 0 && merged.get(last).upper() == b.upper()) {
        merged.set(last, new Bucket(b.upper(), merged.get(last).count() + b.count()));
      } else {
        merged.add(b);
      }
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
              + " for metric name \"\"",
          c.args().get(1).positionRange());
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
