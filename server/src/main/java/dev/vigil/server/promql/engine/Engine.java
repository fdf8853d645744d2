package dev.vigil.server.promql.engine;

import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.Exprs;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.SubqueryExpr;
import dev.vigil.server.promql.ast.ValueType;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.parser.ParseException;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import dev.vigil.server.promql.value.Matrix;
import dev.vigil.server.promql.value.Point;
import dev.vigil.server.promql.value.RangeSeries;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Scalar;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The PromQL engine: parses and evaluates instant and range queries against a {@link Storage}.
 * Thread-safe; every query gets its own querier and evaluator.
 */
public final class Engine {

  private final Storage storage;
  private final EngineOptions options;
  private final PromqlParser parser;

  /**
   * An engine whose parser accepts every feature when {@code options} enables experimental
   * functions (as the promqltest scripts assume), and Prometheus's server defaults otherwise.
   */
  public Engine(Storage storage, EngineOptions options) {
    this(storage, options,
        options.experimentalFunctions() ? ParserOptions.ALL : ParserOptions.SERVER_DEFAULT);
  }

  /** An engine with the parser features chosen one by one, as the server's feature flags do. */
  public Engine(Storage storage, EngineOptions options, ParserOptions parserOptions) {
    this.storage = storage;
    this.options = options;
    this.parser = new PromqlParser(parserOptions);
  }

  public EngineOptions options() {
    return options;
  }

  /** Parses a query with this engine's parser settings. */
  public Expr parse(String query) throws QueryException {
    try {
      return parser.parseExpr(query);
    } catch (ParseException e) {
      throw new QueryException(QueryException.Kind.BAD_DATA, e.getMessage());
    } catch (RuntimeException e) {
      throw new QueryException(QueryException.Kind.BAD_DATA, String.valueOf(e.getMessage()), e);
    }
  }

  /** Evaluates {@code query} at {@code time} (ms) with the default lookback and timeout. */
  public QueryResult instant(String query, long time) throws QueryException {
    return instant(parse(query), query, time, null, null);
  }

  /** Evaluates a parsed query at one time; null overrides mean the engine's defaults. */
  public QueryResult instant(
      Expr expr, String query, long time, Duration lookback, Duration timeout)
      throws QueryException {
    return run(expr, query, time, time, 0, lookback, timeout);
  }

  /** Evaluates a query at start, start+step, ... up to end (all ms). */
  public QueryResult range(
      Expr expr, String query, long start, long end, long step, Duration lookback,
      Duration timeout)
      throws QueryException {
    if (step <= 0) {
      throw new QueryException(
          QueryException.Kind.BAD_DATA,
          "zero or negative query resolution step widths are not accepted. Try a positive"
              + " integer");
    }
    return run(expr, query, start, end, step, lookback, timeout);
  }

  private QueryResult run(
      Expr expr, String query, long start, long end, long step, Duration lookbackOverride,
      Duration timeoutOverride)
      throws QueryException {
    long lookback =
        (lookbackOverride == null || lookbackOverride.isZero()
                ? options.lookbackDelta()
                : lookbackOverride)
            .toMillis();
    Duration timeout = timeoutOverride == null ? options.timeout() : timeoutOverride;
    long deadline = System.nanoTime() + timeout.toNanos();
    long[] bounds = bounds(expr, start, end, lookback);
    Annotations annotations = new Annotations(query);
    try (Querier q = storage.querier(bounds[0], bounds[1])) {
      Evaluator[] holder = new Evaluator[1];
      SeriesCache cache = new SeriesCache(q, () -> holder[0].checkDeadline());
      Evaluator ev =
          new Evaluator(options, annotations, cache, start, end, step, lookback, deadline);
      holder[0] = ev;
      long began = System.nanoTime();
      Value value = step == 0 ? evalInstant(ev, expr, start) : evalRange(ev, expr);
      checkPeak(ev, expr);
      QueryStats stats =
          new QueryStats(
              ev.stats.totalQueryable(),
              cache.samplesRead,
              ev.stats.peak(expr),
              Duration.ofNanos(System.nanoTime() - began));
      return new QueryResult(value, annotations.warnings(), annotations.infos(), stats);
    } catch (EvalError e) {
      throw e.toQueryException();
    } catch (StackOverflowError e) {
      throw new QueryException(QueryException.Kind.EXECUTION, "query too deeply nested");
    } catch (RuntimeException e) {
      // Never leak an unchecked exception to the caller: report it as an execution error.
      throw new QueryException(
          QueryException.Kind.EXECUTION,
          "unexpected error: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    }
  }

  private Value evalInstant(Evaluator ev, Expr expr, long t) {
    ev.resetStepSamples();
    Value v = ev.eval(expr, t);
    if (v instanceof Vector vec) {
      List<Sample> out = new ArrayList<>();
      Set<Labels> seen = new HashSet<>();
      for (Sample s : vec.samples()) {
        Labels l = s.dropName() ? Evaluator.stripName(s.labels()) : s.labels();
        if (!seen.add(l)) {
          throw new EvalError("vector cannot contain metrics with the same labelset");
        }
        out.add(new Sample(l, t, s.value(), false));
      }
      return new Vector(out);
    }
    if (v instanceof Matrix m) {
      List<RangeSeries> out = new ArrayList<>();
      for (RangeSeries s : m.series()) {
        out.add(
            new RangeSeries(
                s.dropName() ? Evaluator.stripName(s.labels()) : s.labels(), s.points(), false));
      }
      return new Matrix(out);
    }
    return v;
  }

  private Value evalRange(Evaluator ev, Expr expr) {
    if (expr.type() != ValueType.VECTOR && expr.type() != ValueType.SCALAR) {
      throw new EvalError(
          "invalid expression type \""
              + (expr.type() == ValueType.MATRIX ? "range vector" : "string")
              + "\" for range query, must be Scalar or instant Vector");
    }
    Map<Labels, List<Point>> series = new TreeMap<>();
    long total = 0;
    for (long t = ev.start; t <= ev.end; t += ev.step) {
      ev.checkDeadline();
      ev.resetStepSamples();
      Value v = ev.eval(expr, t);
      if (v instanceof Scalar s) {
        series.computeIfAbsent(Labels.empty(), k -> new ArrayList<>()).add(new Point(t, s.value()));
        total++;
        continue;
      }
      Set<Labels> seen = new HashSet<>();
      for (Sample s : ((Vector) v).samples()) {
        Labels l = s.dropName() ? Evaluator.stripName(s.labels()) : s.labels();
        if (!seen.add(l)) {
          throw new EvalError("vector cannot contain metrics with the same labelset");
        }
        series.computeIfAbsent(l, k -> new ArrayList<>()).add(new Point(t, s.value()));
        total++;
      }
      if (total > options.maxSamples()) {
        throw new EvalError(
            "query processing would load too many samples into memory in query execution");
      }
      checkPeak(ev, expr);
    }
    List<RangeSeries> out = new ArrayList<>();
    series.forEach((l, p) -> out.add(new RangeSeries(l, p, false)));
    return new Matrix(out);
  }

  /**
   * Fails once the peak Prometheus would reach with the samples seen so far exceeds {@code
   * --query.max-samples}: the peak only grows with more steps, so failing early is safe.
   */
  private void checkPeak(Evaluator ev, Expr expr) {
    if (ev.stats.peak(expr) > options.maxSamples()) {
      throw new EvalError(
          "query processing would load too many samples into memory in query execution");
    }
  }

  /**
   * A conservative time range covering every sample any selector may read: the query range (and
   * any {@code @} time) widened by the lookback and the sum of all ranges and offsets.
   */
  private static long[] bounds(Expr expr, long start, long end, long lookback) {
    long[] acc = {start, end, lookback, 0, lookback};
    boolean[] unbounded = {false};
    walk(expr, acc, unbounded);
    if (unbounded[0]) {
      return new long[] {Long.MIN_VALUE / 4, Long.MAX_VALUE / 4};
    }
    return new long[] {acc[0] - acc[2], acc[1] + acc[3]};
  }

  private static void walk(Expr e, long[] acc, boolean[] unbounded) {
    if (e instanceof VectorSelector vs) {
      if (vs.offsetExpr() != null) {
        unbounded[0] = true;
      }
      if (vs.rangeModifier() != dev.vigil.server.promql.ast.RangeModifier.NONE) {
        // Anchored/smoothed selectors read one more lookback delta (acc[4]) before their
        // window; smoothed ones also one after it.
        acc[2] += acc[4];
        if (vs.rangeModifier() == dev.vigil.server.promql.ast.RangeModifier.SMOOTHED) {
          acc[3] += acc[4];
        }
      }
      long off = vs.offset().toMillis();
      if (off >= 0) {
        acc[2] += off;
      } else {
        acc[3] -= off;
      }
      if (vs.at() != null) {
        // Pinned selectors and start()/end(): widen to the pinned time.
        if (vs.at().kind() == dev.vigil.server.promql.ast.AtModifier.Kind.TIMESTAMP) {
          acc[0] = Math.min(acc[0], vs.at().timestampMillis());
          acc[1] = Math.max(acc[1], vs.at().timestampMillis());
        }
      }
    } else if (e instanceof MatrixSelector ms) {
      if (ms.rangeExpr() != null) {
        unbounded[0] = true;
      }
      acc[2] += ms.range().toMillis();
    } else if (e instanceof SubqueryExpr sq) {
      if (sq.rangeExpr() != null || sq.offsetExpr() != null) {
        unbounded[0] = true;
      }
      acc[2] += sq.range().toMillis() + Math.max(0, sq.offset().toMillis());
      acc[3] += Math.max(0, -sq.offset().toMillis());
      if (sq.at() != null
          && sq.at().kind() == dev.vigil.server.promql.ast.AtModifier.Kind.TIMESTAMP) {
        acc[0] = Math.min(acc[0], sq.at().timestampMillis());
        acc[1] = Math.max(acc[1], sq.at().timestampMillis());
      }
    }
    for (Expr c : Exprs.children(e)) {
      walk(c, acc, unbounded);
    }
  }
}
