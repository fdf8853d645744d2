package dev.vigil.server.promql.engine;

import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.AggregateExpr;
import dev.vigil.server.promql.ast.AtModifier;
import dev.vigil.server.promql.ast.BinaryExpr;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.DurationExpr;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.NumberLiteral;
import dev.vigil.server.promql.ast.ParenExpr;
import dev.vigil.server.promql.ast.RangeModifier;
import dev.vigil.server.promql.ast.StringLiteral;
import dev.vigil.server.promql.ast.SubqueryExpr;
import dev.vigil.server.promql.ast.UnaryExpr;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.value.Matrix;
import dev.vigil.server.promql.value.Point;
import dev.vigil.server.promql.value.RangeSeries;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Scalar;
import dev.vigil.server.promql.value.StringValue;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import dev.vigil.server.storage.StaleNaN;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an expression at one timestamp. A range query calls it once per step; the selectors'
 * samples are read once into a {@link SeriesCache}, so each step costs binary searches only.
 *
 * <p>Unlike Prometheus, which evaluates each node over all steps at once, we evaluate the whole
 * tree per step: simpler and, with the cache, fast enough for dashboards; step-invariant parts
 * ({@code @}) are simply recomputed.
 */
final class Evaluator {

  /**
   * A range argument: the series' points in the left-open window {@code (start, end]}. For an
   * anchored or smoothed selector ({@code modifier}) the points reach one lookback delta before
   * the window (smoothed: and after it); only {@link ExtendedRanges} interprets those.
   */
  record RangeArg(
      List<RangeSeries> series, long windowStart, long windowEnd, RangeModifier modifier) {
    RangeArg(List<RangeSeries> series, long windowStart, long windowEnd) {
      this(series, windowStart, windowEnd, RangeModifier.NONE);
    }
  }

  final EngineOptions options;
  final Annotations annotations;
  final long start;
  final long end;
  final long step;
  final long lookback;
  final SampleStats stats = new SampleStats();
  /** Per subquery node, the last inner step counted in {@link #stats}. */
  private final Map<SubqueryExpr, Long> lastCountedStep = new IdentityHashMap<>();
  private final SeriesCache cache;
  private final long deadlineNanos;
  private long samplesInStep;

  Evaluator(
      EngineOptions options,
      Annotations annotations,
      SeriesCache cache,
      long start,
      long end,
      long step,
      long lookback,
      long deadlineNanos) {
    this.options = options;
    this.annotations = annotations;
    this.cache = cache;
    this.start = start;
    this.end = end;
    this.step = step;
    this.lookback = lookback;
    this.deadlineNanos = deadlineNanos;
  }

  void checkDeadline() {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new EvalError(QueryException.Kind.TIMEOUT, "query timed out in query execution");
    }
  }

  void resetStepSamples() {
    samplesInStep = 0;
  }

  void countSamples(long n) {
    samplesInStep += n;
    if (samplesInStep > options.maxSamples()) {
      throw new EvalError(
          "query processing would load too many samples into memory in query execution");
    }
  }

  Value eval(Expr e, long t) {
    Value v = evalNode(e, t);
    if (!(v instanceof Matrix)) {
      // Range selectors and subqueries record their points themselves (see SampleStats).
      stats.output(e, v instanceof Vector vec ? vec.samples().size() : v instanceof Scalar ? 1 : 0);
    }
    return v;
  }

  private Value evalNode(Expr e, long t) {
    checkDeadline();
    if (e instanceof NumberLiteral n) {
      return new Scalar(n.value());
    } else if (e instanceof StringLiteral s) {
      return new StringValue(s.value());
    } else if (e instanceof ParenExpr p) {
      return eval(p.expr(), t);
    } else if (e instanceof UnaryExpr u) {
      return unary(u, t);
    } else if (e instanceof VectorSelector vs) {
      return new Vector(instantSelect(vs, t));
    } else if (e instanceof MatrixSelector ms) {
      return new Matrix(extendedEdges(rangeSelect(ms, t)));
    } else if (e instanceof SubqueryExpr sq) {
      return new Matrix(subquery(sq, t).series());
    } else if (e instanceof DurationExpr d) {
      return new Scalar(durationSeconds(d));
    } else if (e instanceof BinaryExpr b) {
      return BinaryOps.eval(this, b, t);
    } else if (e instanceof AggregateExpr a) {
      return Aggregations.eval(this, a, t);
    } else if (e instanceof Call c) {
      return Functions.call(this, c, t);
    }
    throw new EvalError("unsupported expression " + e);
  }

  private Value unary(UnaryExpr u, long t) {
    Value v = eval(u.expr(), t);
    if (!u.negative()) {
      return v;
    }
    if (v instanceof Scalar s) {
      return new Scalar(-s.value());
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : ((Vector) v).samples()) {
      out.add(dropName(s.labels(), t, -s.value()));
    }
    return new Vector(out);
  }

  /** A sample whose metric name goes away, now or (delayed removal) at the end of the query. */
  Sample dropName(Labels labels, long t, double v) {
    if (options.delayedNameRemoval()) {
      return new Sample(labels, t, v, true);
    }
    return new Sample(stripName(labels), t, v, false);
  }

  /** Labels without the metric name and the type/unit metadata labels that go with it. */
  static Labels stripName(Labels labels) {
    if (!labels.has(Labels.METRIC_NAME) && !labels.has("__type__") && !labels.has("__unit__")) {
      return labels;
    }
    return labels.without(Labels.METRIC_NAME, "__type__", "__unit__");
  }

  Vector vector(Expr e, long t) {
    Value v = eval(e, t);
    if (v instanceof Vector vec) {
      return vec;
    }
    throw new EvalError("expected instant vector, got " + v.typeName());
  }

  double scalar(Expr e, long t) {
    Value v = eval(e, t);
    if (v instanceof Scalar s) {
      return s.value();
    }
    throw new EvalError("expected scalar, got " + v.typeName());
  }

  String string(Expr e, long t) {
    Value v = eval(e, t);
    if (v instanceof StringValue s) {
      return s.value();
    }
    throw new EvalError("expected string, got " + v.typeName());
  }

  RangeArg range(Expr e, long t) {
    Expr inner = e;
    while (inner instanceof ParenExpr p) {
      inner = p.expr();
    }
    if (inner instanceof MatrixSelector ms) {
      return rangeSelect(ms, t);
    }
    if (inner instanceof SubqueryExpr sq) {
      return subquery(sq, t);
    }
    throw new EvalError("expected range vector, got " + inner.type());
  }

  /** The time a selector reads at: its {@code @} time (or t), minus its offset. */
  private long referenceTime(AtModifier at, Duration offset, DurationExpr offsetExpr, long t) {
    long base = t;
    if (at != null) {
      base =
          switch (at.kind()) {
            case START -> start;
            case END -> end;
            case TIMESTAMP -> at.timestampMillis();
          };
    }
    return base - durationMillis(offset, offsetExpr);
  }

  long durationMillis(Duration literal, DurationExpr expr) {
    if (expr == null) {
      return literal.toMillis();
    }
    return Math.round(durationSeconds(expr) * 1000);
  }

  private double durationSeconds(Expr e) {
    if (e == null) {
      return 0;
    }
    if (e instanceof NumberLiteral n) {
      return n.value();
    }
    if (e instanceof ParenExpr p) {
      return durationSeconds(p.expr());
    }
    if (!(e instanceof DurationExpr d)) {
      throw new EvalError("unexpected duration expression " + e);
    }
    double l = durationSeconds(d.lhs());
    double r = durationSeconds(d.rhs());
    return switch (d.op()) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case MOD -> l % r;
      case POW -> Math.pow(l, r);
      case STEP -> step / 1000.0;
      case RANGE -> (end - start) / 1000.0;
      case MIN_OF -> Math.min(l, r);
      case MAX_OF -> Math.max(l, r);
    };
  }

  List<Sample> instantSelect(VectorSelector vs, long t) {
    long ref = referenceTime(vs.at(), vs.offset(), vs.offsetExpr(), t);
    if (vs.rangeModifier() == RangeModifier.SMOOTHED) {
      return smoothedSelect(vs, ref, t);
    }
    List<Sample> out = new ArrayList<>();
    for (SeriesCache.Loaded s : cache.select(vs.matchers())) {
      int i = s.lastAtOrBefore(ref);
      // Left-open lookback: a sample exactly lookback old is not returned.
      if (i < 0 || s.timestamps()[i] <= ref - lookback) {
        continue;
      }
      double v = s.values()[i];
      if (StaleNaN.is(v)) {
        continue;
      }
      out.add(new Sample(s.labels(), s.timestamps()[i], v, false));
    }
    countSamples(out.size());
    stats.queryable(out.size());
    return out;
  }

  /**
   * {@code start_timestamp(selector)}: per series, the start timestamp (in seconds; 0 when unknown)
   * of the sample the selector picks. Like Prometheus, it reads the plain lookback sample even for
   * a smoothed selector, and answers nothing while start timestamps are switched off.
   */
  List<Sample> startTimestamps(VectorSelector vs, long t) {
    if (!options.useStartTimestamps()) {
      return List.of();
    }
    long ref = referenceTime(vs.at(), vs.offset(), vs.offsetExpr(), t);
    List<Sample> out = new ArrayList<>();
    for (SeriesCache.Loaded s : cache.select(vs.matchers())) {
      int i = s.lastAtOrBefore(ref);
      if (i < 0 || s.timestamps()[i] <= ref - lookback || StaleNaN.is(s.values()[i])) {
        continue;
      }
      out.add(new Sample(s.labels(), t, s.startTimestamp(i) / 1000.0, false));
    }
    countSamples(out.size());
    stats.queryable(out.size());
    return out;
  }

  /** A smoothed instant selector: each series' value interpolated at {@code ref}. */
  private List<Sample> smoothedSelect(VectorSelector vs, long ref, long t) {
    List<Sample> out = new ArrayList<>();
    for (SeriesCache.Loaded s : cache.select(vs.matchers())) {
      Double v =
          ExtendedRanges.smoothedValue(points(s, ref - lookback, ref + lookback, false), ref);
      if (v != null) {
        out.add(new Sample(s.labels(), t, v, false));
      }
    }
    countSamples(out.size());
    return out;
  }

  RangeArg rangeSelect(MatrixSelector ms, long t) {
    VectorSelector vs = ms.selector();
    long ref = referenceTime(vs.at(), vs.offset(), vs.offsetExpr(), t);
    long range = durationMillis(ms.range(), ms.rangeExpr());
    long from = ref - range;
    // Anchored and smoothed windows need the samples just outside them too (see ExtendedRanges).
    long readFrom = vs.rangeModifier() == RangeModifier.NONE ? from : from - lookback;
    long readTo = vs.rangeModifier() == RangeModifier.SMOOTHED ? ref + lookback : ref;
    List<RangeSeries> out = new ArrayList<>();
    long total = 0;
    long largest = 0;
    for (SeriesCache.Loaded s : cache.select(vs.matchers())) {
      List<Point> points = points(s, readFrom, readTo, options.useStartTimestamps());
      if (!points.isEmpty()) {
        total += points.size();
        largest = Math.max(largest, points.size());
        out.add(new RangeSeries(s.labels(), points, false));
      }
    }
    countSamples(total);
    stats.queryable(total);
    stats.window(ms, total, largest);
    return new RangeArg(out, from, ref, vs.rangeModifier());
  }

  /**
   * The non-stale points of a series in {@code (from, to]}, with their start timestamps when
   * {@code withStartTimestamps}: without the engine switch they are invisible, as in Prometheus.
   */
  private static List<Point> points(
      SeriesCache.Loaded s, long from, long to, boolean withStartTimestamps) {
    int last = s.lastAtOrBefore(to);
    List<Point> points = new ArrayList<>();
    for (int i = s.lastAtOrBefore(from) + 1; i <= last; i++) {
      double v = s.values()[i];
      if (!StaleNaN.is(v)) {
        points.add(
            new Point(s.timestamps()[i], v, withStartTimestamps ? s.startTimestamp(i) : 0));
      }
    }
    return points;
  }

  /** A range selector's own value: anchored/smoothed ones get points at both window edges. */
  private static List<RangeSeries> extendedEdges(RangeArg r) {
    if (r.modifier() == RangeModifier.NONE) {
      return r.series();
    }
    List<RangeSeries> out = new ArrayList<>();
    for (RangeSeries s : r.series()) {
      List<Point> p =
          ExtendedRanges.extend(
              s.points(), r.windowStart(), r.windowEnd(),
              r.modifier() == RangeModifier.SMOOTHED);
      if (!p.isEmpty()) {
        out.add(new RangeSeries(s.labels(), p, s.dropName()));
      }
    }
    return out;
  }

  RangeArg subquery(SubqueryExpr sq, long t) {
    long ref = referenceTime(sq.at(), sq.offset(), sq.offsetExpr(), t);
    long range = durationMillis(sq.range(), sq.rangeExpr());
    long subStep = durationMillis(sq.step(), sq.stepExpr());
    if (subStep <= 0) {
      subStep = options.defaultSubqueryStep().toMillis();
    }
    long from = ref - range;
    // Inner steps sit on absolute multiples of the step, strictly after the window start.
    long first = Math.floorDiv(from, subStep) * subStep;
    if (first <= from) {
      first += subStep;
    }
    Map<Labels, Object[]> series = new LinkedHashMap<>();
    long total = 0;
    long counted = lastCountedStep.getOrDefault(sq, Long.MIN_VALUE);
    for (long ts = first; ts <= ref; ts += subStep) {
      checkDeadline();
      // Prometheus evaluates a subquery once for all outer steps; we re-evaluate overlapping
      // inner steps, so only steps not seen before count towards the statistics.
      boolean seen = ts <= counted;
      if (seen) {
        stats.suppress();
      }
      Value v;
      try {
        v = eval(sq.expr(), ts);
      } finally {
        if (seen) {
          stats.unsuppress();
        }
      }
      if (!seen) {
        long n = v instanceof Vector vec ? vec.samples().size() : 1;
        stats.output(sq, n);
        lastCountedStep.put(sq, ts);
      }
      if (v instanceof Scalar s) {
        addPoint(series, Labels.empty(), false, ts, s.value());
        total++;
      } else if (v instanceof Vector vec) {
        for (Sample s : vec.samples()) {
          addPoint(series, s.labels(), s.dropName(), ts, s.value());
        }
        total += vec.samples().size();
      } else {
        throw new EvalError("unexpected " + v.typeName() + " in subquery");
      }
    }
    countSamples(total);
    List<RangeSeries> out = new ArrayList<>();
    for (Map.Entry<Labels, Object[]> e : series.entrySet()) {
      @SuppressWarnings("unchecked")
      List<Point> points = (List<Point>) e.getValue()[0];
      out.add(new RangeSeries(e.getKey(), points, (Boolean) e.getValue()[1]));
    }
    return new RangeArg(out, from, ref);
  }

  private static void addPoint(
      Map<Labels, Object[]> series, Labels labels, boolean dropName, long t, double v) {
    Object[] entry =
        series.computeIfAbsent(labels, k -> new Object[] {new ArrayList<Point>(), dropName});
    @SuppressWarnings("unchecked")
    List<Point> points = (List<Point>) entry[0];
    points.add(new Point(t, v));
  }
}
