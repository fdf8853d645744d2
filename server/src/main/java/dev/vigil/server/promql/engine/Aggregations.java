package dev.vigil.server.promql.engine;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.AggregateExpr;
import dev.vigil.server.promql.ast.AggregateOp;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Vector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Aggregation operators ({@code sum by (job) (...)} and friends) over one step's vector. */
final class Aggregations {

  private Aggregations() {}

  static Vector eval(Evaluator ev, AggregateExpr a, long t) {
    Object param = null;
    if (a.param() != null) {
      param =
          a.op() == AggregateOp.COUNT_VALUES ? ev.string(a.param(), t) : ev.scalar(a.param(), t);
    }
    Vector input = ev.vector(a.expr(), t);
    Map<Labels, List<Sample>> groups = new LinkedHashMap<>();
    for (Sample s : input.samples()) {
      groups.computeIfAbsent(groupKey(s.labels(), a), k -> new ArrayList<>()).add(s);
    }
    List<Sample> out = new ArrayList<>();
    switch (a.op()) {
      case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> {
        selectK(ev, a, (Double) param, groups, out);
        return new Vector(out);
      }
      case COUNT_VALUES -> {
        return countValues(a, (String) param, input, t);
      }
      case QUANTILE -> {
        double q = (Double) param;
        if (Double.isNaN(q) || q < 0 || q > 1) {
          ev.annotations.warn(
              "quantile value should be between 0 and 1, got " + GoFloat.formatG(q),
              a.param().positionRange());
        }
      }
      default -> {}
    }
    // Grouping by a not-yet-removed __name__ passes the pending removal on to the result: if any
    // member of the group has it pending, as in Prometheus, so input order does not matter.
    boolean byName = !a.without() && a.grouping().contains(Labels.METRIC_NAME);
    for (Map.Entry<Labels, List<Sample>> g : groups.entrySet()) {
      boolean drop = byName && g.getValue().stream().anyMatch(Sample::dropName);
      out.add(new Sample(g.getKey(), t, reduce(a.op(), g.getValue(), param), drop));
    }
    return new Vector(out);
  }

  private static Labels groupKey(Labels labels, AggregateExpr a) {
    if (a.without()) {
      Labels.Builder b = labels.toBuilder();
      b.remove(Labels.METRIC_NAME);
      for (String n : a.grouping()) {
        b.remove(n);
      }
      return b.build();
    }
    return labels.keepOnly(new HashSet<>(a.grouping()));
  }

  private static double reduce(AggregateOp op, List<Sample> group, Object param) {
    int n = group.size();
    switch (op) {
      case SUM -> {
        KahanSum sum = new KahanSum();
        group.forEach(s -> sum.add(s.value()));
        return sum.value();
      }
      case AVG -> {
        return mean(group);
      }
      case COUNT -> {
        return n;
      }
      case GROUP -> {
        return 1;
      }
      case MIN, MAX -> {
        double r = group.get(0).value();
        for (Sample s : group) {
          double v = s.value();
          boolean better = op == AggregateOp.MIN ? v < r : v > r;
          if (better || Double.isNaN(r)) {
            r = v;
          }
        }
        return r;
      }
      case STDDEV, STDVAR -> {
        double var = variance(group.stream().mapToDouble(Sample::value).toArray());
        return op == AggregateOp.STDDEV ? Math.sqrt(var) : var;
      }
      case QUANTILE -> {
        double[] vs = group.stream().mapToDouble(Sample::value).toArray();
        return quantile((Double) param, vs);
      }
      default -> throw new EvalError("unsupported aggregation " + op.keyword());
    }
  }

  /** Population variance by Welford's online method, as Prometheus computes it. */
  static double variance(double[] values) {
    double mean = 0;
    double m2 = 0;
    int n = 0;
    for (double v : values) {
      n++;
      double delta = v - mean;
      mean += delta / n;
      m2 += delta * (v - mean);
    }
    return m2 / n;
  }

  private static double mean(List<Sample> group) {
    KahanSum sum = new KahanSum();
    group.forEach(s -> sum.add(s.value()));
    double v = sum.value();
    boolean infiniteInput = group.stream().anyMatch(s -> Double.isInfinite(s.value()));
    if (!Double.isInfinite(v) || infiniteInput) {
      return sum.mean(group.size());
    }
    // The plain sum overflowed: fall back to an incremental mean, as Prometheus does.
    double mean = 0;
    int i = 0;
    for (Sample s : group) {
      i++;
      if (Double.isInfinite(mean) && Double.isInfinite(s.value())) {
        if (mean != s.value()) {
          return Double.NaN;
        }
        continue;
      }
      mean += s.value() / i - mean / i;
    }
    return mean;
  }

  /** The φ-quantile with linear interpolation at rank φ·(n−1), as Prometheus computes it. */
  static double quantile(double q, double[] values) {
    if (values.length == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    // Go's sort puts NaN first; Java's puts it last. Keep Go's order.
    double[] vs =
        java.util.Arrays.stream(values)
            .boxed()
            .sorted((x, y) -> Double.isNaN(x) ? (Double.isNaN(y) ? 0 : -1)
                : Double.isNaN(y) ? 1 : Double.compare(x, y))
            .mapToDouble(Double::doubleValue)
            .toArray();
    double rank = q * (vs.length - 1);
    int lower = (int) Math.max(0, Math.floor(rank));
    int upper = (int) Math.min(vs.length - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return vs[lower] * (1 - weight) + vs[upper] * weight;
  }

  private static void selectK(
      Evaluator ev, AggregateExpr a, double param, Map<Labels, List<Sample>> groups,
      List<Sample> out) {
    if (Double.isNaN(param)) {
      throw new EvalError(
          a.op() == AggregateOp.LIMIT_RATIO ? "Ratio value is NaN" : "Parameter value is NaN");
    }
    if (a.op() == AggregateOp.LIMIT_RATIO) {
      if (param < -1 || param > 1) {
        ev.annotations.warn(
            "ratio value should be between -1 and 1, got " + GoFloat.formatG(param),
            a.param().positionRange());
        param = Math.max(-1, Math.min(1, param));
      }
      for (List<Sample> g : groups.values()) {
        for (Sample s : g) {
          if (RatioSampler.keeps(param, s.labels())) {
            out.add(s);
          }
        }
      }
      return;
    }
    if (param >= 9.223372036854776e18 || param <= -9.223372036854776e18) {
      throw new EvalError("Scalar value " + GoFloat.formatG(param) + " overflows int64");
    }
    long k = (long) param;
    if (k < 1) {
      return;
    }
    for (List<Sample> g : groups.values()) {
      List<Sample> sorted = new ArrayList<>(g);
      if (a.op() == AggregateOp.TOPK) {
        sorted.sort(Comparator.comparingDouble(Aggregations::nanLowest).reversed());
      } else if (a.op() == AggregateOp.BOTTOMK) {
        sorted.sort(Comparator.comparingDouble(Aggregations::nanHighest));
      }
      out.addAll(sorted.subList(0, (int) Math.min(k, sorted.size())));
    }
  }

  private static double nanLowest(Sample s) {
    return Double.isNaN(s.value()) ? Double.NEGATIVE_INFINITY : s.value();
  }

  private static double nanHighest(Sample s) {
    return Double.isNaN(s.value()) ? Double.POSITIVE_INFINITY : s.value();
  }

  private static Vector countValues(AggregateExpr a, String label, Vector input, long t) {
    if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*") && !isValidUtf8Name(label)) {
      throw new EvalError("invalid label name \"" + label + "\"");
    }
    Map<Labels, Integer> counts = new LinkedHashMap<>();
    for (Sample s : input.samples()) {
      Labels.Builder b = groupKey(s.labels(), a).toBuilder();
      b.set(label, GoFloat.format(s.value(), 'f'));
      counts.merge(b.build(), 1, Integer::sum);
    }
    List<Sample> out = new ArrayList<>();
    Set<Labels> seen = new HashSet<>();
    for (Map.Entry<Labels, Integer> e : counts.entrySet()) {
      if (seen.add(e.getKey())) {
        out.add(new Sample(e.getKey(), t, e.getValue(), false));
      }
    }
    return new Vector(out);
  }

  private static boolean isValidUtf8Name(String s) {
    return !s.isEmpty() && s.codePoints().allMatch(cp -> cp != 0xFFFD);
  }
}
