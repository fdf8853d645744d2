package dev.vigil.server.promql.engine;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.value.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a vector of classic histogram buckets ({@code le}-labelled series) into histograms, for
 * histogram_quantile, histogram_quantiles and histogram_fraction.
 */
final class ClassicBuckets {

  /** One cumulative bucket: observations at or below {@code upper}. */
  record Bucket(double upper, double count) {}

  private ClassicBuckets() {}

  /**
   * The buckets of each histogram, keyed by the series' labels without {@code le}. The metric name
   * stays in the key, as in Prometheus: two histograms that differ only by name are two groups,
   * and their results collide (an error) only when the name is finally removed.
   */
  static Map<Labels, List<Bucket>> group(Evaluator ev, List<Sample> samples, Expr arg) {
    Map<Labels, List<Bucket>> groups = new LinkedHashMap<>();
    for (Sample s : samples) {
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
                + s.labels().getOrEmpty(Labels.METRIC_NAME)
                + "\"",
            arg.positionRange());
        continue;
      }
      groups
          .computeIfAbsent(s.labels().without("le"), k -> new ArrayList<>())
          .add(new Bucket(upper, s.value()));
    }
    return groups;
  }

  /**
   * The buckets sorted by bound with equal bounds ("1" and "1.0") merged, or null when there is
   * no {@code +Inf} bucket (the histogram is incomplete).
   */
  static List<Bucket> sorted(List<Bucket> raw) {
    List<Bucket> buckets = new ArrayList<>(raw);
    buckets.sort((a, b) -> Double.compare(a.upper(), b.upper()));
    if (buckets.get(buckets.size() - 1).upper() != Double.POSITIVE_INFINITY) {
      return null;
    }
    List<Bucket> merged = new ArrayList<>();
    for (Bucket b : buckets) {
      int last = merged.size() - 1;
      if (last >= 0 && merged.get(last).upper() == b.upper()) {
        merged.set(last, new Bucket(b.upper(), merged.get(last).count() + b.count()));
      } else {
        merged.add(b);
      }
    }
    return merged;
  }

  /**
   * histogram_fraction over one classic histogram: the share of observations between {@code
   * lower} and {@code upper}, interpolating linearly inside a bucket. The first bucket starts at 0
   * if its bound is positive (else at -Inf); nothing is interpolated inside an infinite bucket.
   */
  static double fraction(double lower, double upper, List<Bucket> raw) {
    List<Bucket> buckets = sorted(raw);
    if (buckets == null) {
      return Double.NaN;
    }
    double count = buckets.get(buckets.size() - 1).count();
    if (count == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
      return Double.NaN;
    }
    if (lower >= upper) {
      return 0;
    }
    double rank = 0;
    double lowerRank = 0;
    double upperRank = 0;
    boolean lowerSet = false;
    boolean upperSet = false;
    double bucketLower = buckets.get(0).upper() <= 0 ? Double.NEGATIVE_INFINITY : 0;
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      if (i > 0) {
        bucketLower = buckets.get(i - 1).upper();
      }
      if (!lowerSet && bucketLower >= lower) {
        lowerRank = rank;
        lowerSet = true;
      }
      if (!upperSet && bucketLower >= upper) {
        upperRank = rank;
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      if (!lowerSet && bucketLower < lower && b.upper() > lower) {
        lowerRank = interpolate(rank, b, bucketLower, lower);
        lowerSet = true;
      }
      if (!upperSet && bucketLower < upper && b.upper() > upper) {
        upperRank = interpolate(rank, b, bucketLower, upper);
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      rank = b.count();
    }
    if (!lowerSet || lowerRank > count) {
      lowerRank = count;
    }
    if (!upperSet || upperRank > count) {
      upperRank = count;
    }
    return (upperRank - lowerRank) / count;
  }

  /** The cumulative count at v inside bucket b; a -Inf lower bound contributes nothing inside. */
  private static double interpolate(double rank, Bucket b, double bucketLower, double v) {
    if (bucketLower == Double.NEGATIVE_INFINITY) {
      return b.count();
    }
    // With a +Inf upper bound the second term is 0: the last bucket adds nothing either.
    return rank + (b.count() - rank) * (v - bucketLower) / (b.upper() - bucketLower);
  }
}
