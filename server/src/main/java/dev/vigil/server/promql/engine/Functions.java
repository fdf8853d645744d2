package dev.vigil.server.promql.engine;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.ParenExpr;
import dev.vigil.server.promql.ast.SubqueryExpr;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.value.Point;
import dev.vigil.server.promql.value.RangeSeries;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Scalar;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * The function implementations, one row per function name. Range functions are in {@link
 * RangeFunctions}, label and histogram functions in {@link LabelFunctions} and {@link
 * HistogramQuantile}.
 */
final class Functions {

  /** One function: evaluates a call at one step. */
  interface Impl {
    Value apply(Evaluator ev, Call call, long t);
  }

  private static final Map<String, Impl> TABLE = new HashMap<>();

  static {
    math("abs", Math::abs);
    math("ceil", Math::ceil);
    math("floor", Math::floor);
    math("exp", Math::exp);
    math("ln", Math::log);
    math("log2", v -> Math.log(v) / Math.log(2));
    math("log10", Math::log10);
    math("sqrt", Math::sqrt);
    math("sgn", Math::signum);
    math("acos", Math::acos);
    math("asin", Math::asin);
    math("atan", Math::atan);
    math("cos", Math::cos);
    math("sin", Math::sin);
    math("tan", Math::tan);
    math("cosh", Math::cosh);
    math("sinh", Math::sinh);
    math("tanh", Math::tanh);
    math("acosh", v -> Math.log(v + Math.sqrt(v * v - 1)));
    math("asinh", v -> Double.isInfinite(v) ? v : Math.log(v + Math.sqrt(v * v + 1)));
    math("atanh", v -> 0.5 * Math.log((1 + v) / (1 - v)));
    math("deg", v -> v * 180 / Math.PI);
    math("rad", v -> v * Math.PI / 180);
    TABLE.put("round", Functions::round);
    TABLE.put("clamp", (ev, c, t) -> clamp(ev, c, t, ev.scalar(c.args().get(1), t),
        ev.scalar(c.args().get(2), t)));
    TABLE.put("clamp_min", (ev, c, t) -> clamp(ev, c, t, ev.scalar(c.args().get(1), t),
        Double.POSITIVE_INFINITY));
    TABLE.put("clamp_max", (ev, c, t) -> clamp(ev, c, t, Double.NEGATIVE_INFINITY,
        ev.scalar(c.args().get(1), t)));
    TABLE.put("pi", (ev, c, t) -> new Scalar(Math.PI));
    TABLE.put("time", (ev, c, t) -> new Scalar(t / 1000.0));
    TABLE.put("start", (ev, c, t) -> new Scalar(ev.start / 1000.0));
    TABLE.put("end", (ev, c, t) -> new Scalar(ev.end / 1000.0));
    TABLE.put("range", (ev, c, t) -> new Scalar((ev.end - ev.start) / 1000.0));
    TABLE.put("step", (ev, c, t) -> new Scalar(ev.step / 1000.0));
    TABLE.put("min_of", (ev, c, t) -> new Scalar(
        Math.min(ev.scalar(c.args().get(0), t), ev.scalar(c.args().get(1), t))));
    TABLE.put("max_of", (ev, c, t) -> new Scalar(
        Math.max(ev.scalar(c.args().get(0), t), ev.scalar(c.args().get(1), t))));
    TABLE.put("vector", (ev, c, t) -> new Vector(
        List.of(new Sample(Labels.empty(), t, ev.scalar(c.args().get(0), t), false))));
    TABLE.put("scalar", (ev, c, t) -> {
      List<Sample> v = ev.vector(c.args().get(0), t).samples();
      return new Scalar(v.size() == 1 ? v.get(0).value() : Double.NaN);
    });
    TABLE.put("timestamp", Functions::timestamp);
    TABLE.put("start_timestamp", Functions::startTimestamp);
    date("minute", d -> d.getMinute());
    date("hour", d -> d.getHour());
    date("day_of_week", d -> d.getDayOfWeek().getValue() % 7);
    date("day_of_month", d -> d.getDayOfMonth());
    date("day_of_year", d -> d.getDayOfYear());
    date("days_in_month", d -> d.toLocalDate().lengthOfMonth());
    date("month", d -> d.getMonthValue());
    date("year", d -> d.getYear());
    TABLE.put("absent", Functions::absent);
    TABLE.put("absent_over_time", Functions::absentOverTime);
    TABLE.put("sort", (ev, c, t) -> sort(ev, c, t, false));
    TABLE.put("sort_desc", (ev, c, t) -> sort(ev, c, t, true));
    TABLE.put("sort_by_label", (ev, c, t) -> LabelFunctions.sortByLabel(ev, c, t, false));
    TABLE.put("sort_by_label_desc", (ev, c, t) -> LabelFunctions.sortByLabel(ev, c, t, true));
    TABLE.put("label_replace", LabelFunctions::labelReplace);
    TABLE.put("label_join", LabelFunctions::labelJoin);
    TABLE.put("histogram_quantile", HistogramQuantile::apply);
    TABLE.put("histogram_quantiles", HistogramQuantile::applyMany);
    TABLE.put("histogram_fraction", HistogramQuantile::fraction);
    TABLE.put("info", InfoFunction::apply);
    RangeFunctions.register(TABLE);
  }

  private Functions() {}

  static Value call(Evaluator ev, Call c, long t) {
    Impl impl = TABLE.get(c.function().name());
    if (impl == null) {
      throw new EvalError("not implemented: function " + c.function().name());
    }
    ExtendedRanges.checkAllowed(c);
    return impl.apply(ev, c, t);
  }

  private static void math(String name, DoubleUnaryOperator f) {
    TABLE.put(name, (ev, c, t) -> mapValues(ev, c, t, f));
  }

  static Vector mapValues(Evaluator ev, Call c, long t, DoubleUnaryOperator f) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : ev.vector(c.args().get(0), t).samples()) {
      out.add(ev.dropName(s.labels(), t, f.applyAsDouble(s.value())));
    }
    return new Vector(out);
  }

  private static Value round(Evaluator ev, Call c, long t) {
    double to = c.args().size() > 1 ? ev.scalar(c.args().get(1), t) : 1;
    // Prometheus rounds half up via floor(v*inverse + 0.5) / inverse.
    double inverse = 1 / to;
    return mapValues(ev, c, t, v -> Math.floor(v * inverse + 0.5) / inverse);
  }

  private static Value clamp(Evaluator ev, Call c, long t, double min, double max) {
    if (max < min) {
      return new Vector(List.of());
    }
    return mapValues(ev, c, t, v -> Math.max(min, Math.min(max, v)));
  }

  private static Value timestamp(Evaluator ev, Call c, long t) {
    Expr arg = c.args().get(0);
    while (arg instanceof ParenExpr p) {
      arg = p.expr();
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : ev.vector(c.args().get(0), t).samples()) {
      // Only a plain selector reports the stored sample's time; anything else the step's time.
      long ts = arg instanceof VectorSelector ? s.timestamp() : t;
      out.add(ev.dropName(s.labels(), t, ts / 1000.0));
    }
    return new Vector(out);
  }

  /**
   * Start timestamps reach this function only from a bare vector selector: any other argument
   * (even a parenthesised selector, which Prometheus does not unwrap here) has lost them, so the
   * answer is empty, after evaluating the argument for its errors and limits.
   */
  private static Value startTimestamp(Evaluator ev, Call c, long t) {
    Expr arg = c.args().get(0);
    if (!(arg instanceof VectorSelector vs)) {
      ev.vector(arg, t);
      return new Vector(List.of());
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : ev.startTimestamps(vs, t)) {
      out.add(ev.dropName(s.labels(), t, s.value()));
    }
    return new Vector(out);
  }

  private static void date(String name, ToDoubleFunction<ZonedDateTime> f) {
    TABLE.put(
        name,
        (ev, c, t) -> {
          if (c.args().isEmpty()) {
            ZonedDateTime d = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
            return new Vector(List.of(new Sample(Labels.empty(), t, f.applyAsDouble(d), false)));
          }
          return mapValues(
              ev,
              c,
              t,
              v -> {
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                  return Double.NaN;
                }
                long ms = (long) (v * 1000);
                return f.applyAsDouble(
                    Instant.ofEpochSecond(Math.floorDiv(ms, 1000)).atZone(ZoneOffset.UTC));
              });
        });
  }

  private static Value absent(Evaluator ev, Call c, long t) {
    if (!ev.vector(c.args().get(0), t).samples().isEmpty()) {
      return new Vector(List.of());
    }
    return new Vector(List.of(new Sample(absentLabels(c.args().get(0)), t, 1, false)));
  }

  private static Value absentOverTime(Evaluator ev, Call c, long t) {
    if (!ev.range(c.args().get(0), t).series().isEmpty()) {
      return new Vector(List.of());
    }
    return new Vector(List.of(new Sample(absentLabels(c.args().get(0)), t, 1, false)));
  }

  /** Labels from the equality matchers of a selector argument, the way absent() builds them. */
  private static Labels absentLabels(Expr arg) {
    while (arg instanceof ParenExpr p) {
      arg = p.expr();
    }
    if (arg instanceof MatrixSelector m) {
      arg = m.selector();
    }
    if (arg instanceof SubqueryExpr) {
      return Labels.empty();
    }
    if (!(arg instanceof VectorSelector vs)) {
      return Labels.empty();
    }
    Labels.Builder b = Labels.builder();
    Map<String, Integer> seen = new HashMap<>();
    for (LabelMatcher m : vs.matchers()) {
      seen.merge(m.name(), 1, Integer::sum);
    }
    for (LabelMatcher m : vs.matchers()) {
      if (m.type() == LabelMatcher.Type.EQUAL
          && !m.name().equals(Labels.METRIC_NAME)
          && seen.get(m.name()) == 1) {
        b.set(m.name(), m.value());
      }
    }
    return b.build();
  }

  static void sortInRangeQuery(Evaluator ev, Call c) {
    if (ev.step != 0) {
      ev.annotations.warn(
          "sort is ineffective for range queries since results are always ordered by labels",
          c.positionRange());
    }
  }

  private static Value sort(Evaluator ev, Call c, long t, boolean desc) {
    sortInRangeQuery(ev, c);
    List<Sample> out = new ArrayList<>(ev.vector(c.args().get(0), t).samples());
    Comparator<Sample> cmp = Comparator.comparingDouble(Sample::value);
    if (desc) {
      cmp = cmp.reversed();
    }
    // NaN sorts last in both directions.
    Comparator<Sample> nanLast =
        Comparator.comparing((Sample s) -> Double.isNaN(s.value())).thenComparing(cmp);
    out.sort(nanLast);
    return new Vector(out);
  }

  /** Points of a range series as arrays, for the range functions. */
  static double[] values(RangeSeries s) {
    return s.points().stream().mapToDouble(Point::value).toArray();
  }
}
