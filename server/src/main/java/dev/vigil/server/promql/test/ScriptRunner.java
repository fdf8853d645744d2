package dev.vigil.server.promql.test;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.AtModifier;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.Exprs;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.SubqueryExpr;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.engine.Engine;
import dev.vigil.server.promql.engine.EngineOptions;
import dev.vigil.server.promql.engine.QueryException;
import dev.vigil.server.promql.engine.QueryResult;
import dev.vigil.server.promql.value.Matrix;
import dev.vigil.server.promql.value.Point;
import dev.vigil.server.promql.value.RangeSeries;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Scalar;
import dev.vigil.server.promql.value.StringValue;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.storage.memory.MemoryStorage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a promqltest script against a fresh in-memory store and the engine, with the upstream
 * runner's comparison rules, including the extra {@code @} and range-query runs per instant eval.
 */
public final class ScriptRunner {

  /** How one eval ended; {@code message} explains a failure or skip. */
  public record Outcome(String file, int line, String expr, Status status, String message) {
    public String location() {
      return file + ":" + line;
    }
  }

  /** The result of one eval. */
  public enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }

  private static final Set<String> AT_UNSAFE =
      Set.of(
          "time", "timestamp", "day_of_month", "day_of_week", "day_of_year", "days_in_month",
          "hour", "minute", "month", "year", "predict_linear", "start", "end", "range", "step");

  private ScriptRunner() {}

  /** Runs every command; evals listed in {@code skip} (file:line) are reported as skipped. */
  public static List<Outcome> run(Script script, Map<String, String> skip) {
    List<Outcome> out = new ArrayList<>();
    MemoryStorage storage = new MemoryStorage();
    List<Labels> histogramSeries = new ArrayList<>();
    try {
      for (Script.Command c : script.commands()) {
        if (c instanceof Script.Clear) {
          storage.close();
          storage = new MemoryStorage();
          histogramSeries.clear();
        } else if (c instanceof Script.Load l) {
          load(storage, l);
          histogramSeries.addAll(l.histogramSeries());
        } else if (c instanceof Script.Eval e) {
          String key = script.file() + ":" + e.line();
          String failure;
          try {
            failure = check(new Engine(storage, EngineOptions.PROMQLTEST), e);
          } catch (RuntimeException ex) {
            failure = "runner error: " + ex;
          }
          if (skip.containsKey(key)) {
            // A listed eval that passes now must leave the list, so the list only shrinks.
            out.add(
                failure == null
                    ? new Outcome(script.file(), e.line(), e.expr(), Status.FAILED,
                        "passes now: remove it from skip.txt")
                    : new Outcome(script.file(), e.line(), e.expr(), Status.SKIPPED,
                        skip.get(key)));
            continue;
          }
          if (e.histograms()) {
            // The expected result holds {{...}} samples we cannot produce: a pass on the float
            // part alone would be vacuous, so the eval is a skip whatever our result.
            out.add(
                new Outcome(script.file(), e.line(), e.expr(), Status.SKIPPED,
                    "native histograms (expected result holds histogram samples)"));
          } else if (failure != null && NativeHistogramEvals.involves(e, histogramSeries)) {
            out.add(
                new Outcome(script.file(), e.line(), e.expr(), Status.SKIPPED,
                    "native histograms"));
          } else {
            out.add(
                new Outcome(script.file(), e.line(), e.expr(),
                    failure == null ? Status.PASSED : Status.FAILED, failure));
          }
        }
      }
    } finally {
      storage.close();
    }
    return out;
  }

  private static void load(MemoryStorage storage, Script.Load l) {
    // A series listed twice in one block: the later line wins, as in upstream's test storage.
    Map<Labels, Script.SeriesLine> merged = new java.util.LinkedHashMap<>();
    for (Script.SeriesLine s : l.series()) {
      Script.SeriesLine prev = merged.get(s.labels());
      if (prev == null) {
        merged.put(s.labels(), s);
        continue;
      }
      List<Double> values = new ArrayList<>(prev.values());
      List<Long> offsets = new ArrayList<>();
      for (int i = 0; i < prev.values().size(); i++) {
        offsets.add(prev.startOffsets() == null ? null : prev.startOffsets().get(i));
      }
      for (int i = 0; i < s.values().size(); i++) {
        if (s.values().get(i) == null) {
          continue;
        }
        while (values.size() <= i) {
          values.add(null);
          offsets.add(null);
        }
        values.set(i, s.values().get(i));
        offsets.set(i, s.startOffsets() == null ? null : s.startOffsets().get(i));
      }
      merged.put(s.labels(), new Script.SeriesLine(s.labels(), values, offsets));
    }
    Appender app = storage.appender();
    for (Script.SeriesLine s : merged.values()) {
      for (int i = 0; i < s.values().size(); i++) {
        Double v = s.values().get(i);
        if (v != null) {
          try {
            long t = i * l.intervalMillis();
            app.append(s.labels(), s.startTimestamp(i, t), t, v);
          } catch (dev.vigil.server.storage.SampleRejectedException e) {
            // Upstream's test storage also keeps only one sample per series and timestamp.
          }
        }
      }
    }
    app.commit();
  }

  /** Null when the eval passes, else what went wrong. */
  static String check(Engine engine, Script.Eval e) {
    Expr expr;
    try {
      expr = engine.parse(e.expr());
    } catch (QueryException ex) {
      return e.expects("fail") ? matchFailure(e, ex.getMessage()) : "parse error: " + ex.getMessage();
    }
    if (e.range()) {
      return runOnce(engine, e, expr, e.start(), true);
    }
    String first = runOnce(engine, e, expr, e.start(), false);
    if (first != null || e.expects("fail")) {
      return first;
    }
    boolean atSafe = !callsAny(expr);
    List<Expr> variants = new ArrayList<>();
    variants.add(expr);
    if (atSafe) {
      variants.add(addAt(expr, e.start()));
    }
    boolean rangeOk =
        !e.expects("ordered")
            && e.string() == null
            && e.rangeVector() == null
            && !e.expr().matches("(?s).*\\b(start|end|range|step)\\s*\\(.*");
    for (int v = 0; v < variants.size(); v++) {
      Expr x = variants.get(v);
      if (v == 1) {
        long t = e.start();
        long[] times = t == 0 ? new long[] {-1000, 0, 1000} : new long[] {-10 * t, 0, t / 5, t, 10 * t};
        for (long at : times) {
          String f = compareInstant(engine, e, x, at);
          if (f != null) {
            return "with @ " + e.start() + " evaluated at " + at + ": " + f;
          }
        }
      }
      if (rangeOk) {
        String f = compareRangeAt(engine, e, x);
        if (f != null) {
          return (v == 1 ? "with @, " : "") + "as range query: " + f;
        }
      }
    }
    return null;
  }

  private static String runOnce(Engine engine, Script.Eval e, Expr expr, long t, boolean range) {
    QueryResult r;
    try {
      r =
          range
              ? engine.range(expr, e.expr(), e.start(), e.end(), e.step(), null, null)
              : engine.instant(expr, e.expr(), t, null, null);
    } catch (QueryException ex) {
      return e.expects("fail") ? matchFailure(e, ex.getMessage()) : "error: " + ex.getMessage();
    }
    if (e.expects("fail")) {
      return "expected failure, got success";
    }
    String a = checkAnnotations(e, "warn", r.warnings());
    if (a == null) {
      a = checkAnnotations(e, "info", r.infos());
    }
    if (a != null) {
      return a;
    }
    return range ? compareMatrix(e, r.value()) : compareValue(e, r.value());
  }

  private static String compareInstant(Engine engine, Script.Eval e, Expr expr, long t) {
    try {
      return compareValue(e, engine.instant(expr, e.expr(), t, null, null).value());
    } catch (QueryException ex) {
      return "error: " + ex.getMessage();
    }
  }

  private static String compareRangeAt(Engine engine, Script.Eval e, Expr expr) {
    long t = e.start();
    Value v;
    try {
      v = engine.range(expr, e.expr(), t - 60_000, t + 60_000, 60_000, null, null).value();
    } catch (QueryException ex) {
      return "error: " + ex.getMessage();
    }
    Matrix m = (Matrix) v;
    String sorted = checkSorted(m);
    if (sorted != null) {
      return sorted;
    }
    if (e.scalar() != null) {
      for (RangeSeries s : m.series()) {
        for (Point p : s.points()) {
          if (p.timestamp() == t) {
            return equal(p.value(), e.scalar()) ? null
                : "expected scalar " + fmt(e.scalar()) + ", got " + fmt(p.value());
          }
        }
      }
      return "expected scalar " + fmt(e.scalar()) + " at " + t + ", got no point";
    }
    List<Sample> at = new ArrayList<>();
    for (RangeSeries s : m.series()) {
      for (Point p : s.points()) {
        if (p.timestamp() == t) {
          at.add(new Sample(s.labels(), t, p.value(), false));
        }
      }
    }
    return compareVector(e, at, false);
  }

  private static String compareValue(Script.Eval e, Value v) {
    if (e.string() != null) {
      return v instanceof StringValue s && s.value().equals(e.string()) ? null
          : "expected string \"" + e.string() + "\", got " + v;
    }
    if (e.scalar() != null) {
      if (!(v instanceof Scalar s)) {
        return "expected scalar " + fmt(e.scalar()) + ", got " + v.typeName();
      }
      return equal(s.value(), e.scalar()) ? null
          : "expected scalar " + fmt(e.scalar()) + ", got " + fmt(s.value());
    }
    if (e.rangeVector() != null) {
      if (!(v instanceof Matrix m)) {
        return "expected range vector, got " + v.typeName();
      }
      return compareSeries(e, m, e.rangeVector()[0], e.rangeVector()[2]);
    }
    if (v instanceof Scalar s) {
      return e.series().isEmpty() ? "expected empty vector, got scalar " + fmt(s.value())
          : "expected vector, got scalar " + fmt(s.value());
    }
    if (!(v instanceof Vector vec)) {
      return "expected vector, got " + v.typeName();
    }
    return compareVector(e, vec.samples(), e.expects("ordered"));
  }

  private static String compareVector(Script.Eval e, List<Sample> actual, boolean ordered) {
    Map<Labels, Integer> expectedIndex = new HashMap<>();
    for (int i = 0; i < e.series().size(); i++) {
      expectedIndex.put(e.series().get(i).labels(), i);
    }
    if (actual.size() != e.series().size()) {
      return "expected " + e.series().size() + " samples, got " + actual.size() + ": "
          + describe(actual);
    }
    for (int i = 0; i < actual.size(); i++) {
      Sample s = actual.get(i);
      Integer idx = expectedIndex.get(s.labels());
      if (idx == null) {
        return "unexpected series " + s.labels() + " " + fmt(s.value());
      }
      Script.ExpectedSeries exp = e.series().get(idx);
      if (ordered && idx != i) {
        return "expected " + exp.labels() + " at position " + (idx + 1) + ", got " + (i + 1);
      }
      if (exp.values().size() != 1 || exp.values().get(0) == null) {
        return "expected line for " + exp.labels() + " must hold one value";
      }
      if (!equal(s.value(), exp.values().get(0))) {
        return "for " + s.labels() + " expected " + fmt(exp.values().get(0)) + ", got "
            + fmt(s.value());
      }
    }
    return null;
  }

  private static String compareMatrix(Script.Eval e, Value v) {
    if (!(v instanceof Matrix m)) {
      return "expected matrix, got " + v.typeName();
    }
    String sorted = checkSorted(m);
    return sorted != null ? sorted : compareSeries(e, m, e.start(), e.step());
  }

  private static String checkSorted(Matrix m) {
    for (int i = 1; i < m.series().size(); i++) {
      if (m.series().get(i - 1).labels().compareTo(m.series().get(i).labels()) >= 0) {
        return "range result not sorted by labels";
      }
    }
    return null;
  }

  private static String compareSeries(Script.Eval e, Matrix m, long start, long step) {
    Map<Labels, Script.ExpectedSeries> expected = new HashMap<>();
    for (Script.ExpectedSeries s : e.series()) {
      expected.put(s.labels(), s);
    }
    if (m.series().size() != expected.size()) {
      return "expected " + expected.size() + " series, got " + m.series().size() + ": "
          + m.series().stream().map(s -> s.labels().toString()).toList();
    }
    for (RangeSeries s : m.series()) {
      Script.ExpectedSeries exp = expected.get(s.labels());
      if (exp == null) {
        return "unexpected series " + s.labels();
      }
      List<Point> want = new ArrayList<>();
      for (int i = 0; i < exp.values().size(); i++) {
        if (exp.values().get(i) != null) {
          want.add(new Point(start + i * step, exp.values().get(i)));
        }
      }
      if (want.size() != s.points().size()) {
        return "for " + s.labels() + " expected " + want.size() + " points, got "
            + s.points().size() + ": " + describePoints(s.points());
      }
      for (int i = 0; i < want.size(); i++) {
        Point a = s.points().get(i);
        Point w = want.get(i);
        if (a.timestamp() != w.timestamp() || !equal(a.value(), w.value())) {
          return "for " + s.labels() + " expected " + fmt(w.value()) + "@" + w.timestamp()
              + ", got " + fmt(a.value()) + "@" + a.timestamp();
        }
      }
    }
    return null;
  }

  private static String checkAnnotations(Script.Eval e, String kind, List<String> actual) {
    if (e.expects("no_" + kind) && !actual.isEmpty()) {
      return "expected no " + kind + " annotations, got " + actual;
    }
    List<Script.Expectation> exps = e.all(kind);
    if (exps.isEmpty()) {
      return null;
    }
    if (actual.isEmpty()) {
      return "expected " + kind + " annotations, got none";
    }
    boolean withText = exps.stream().anyMatch(x -> x.message() != null || x.regex() != null);
    if (!withText) {
      return null;
    }
    for (Script.Expectation x : exps) {
      if (actual.stream().noneMatch(a -> matches(x, a))) {
        return "expected " + kind + " matching " + (x.message() != null ? x.message() : x.regex())
            + ", got " + actual;
      }
    }
    for (String a : actual) {
      if (exps.stream().noneMatch(x -> matches(x, a))) {
        return "unexpected " + kind + " annotation: " + a;
      }
    }
    return null;
  }

  private static boolean matches(Script.Expectation x, String text) {
    if (x.message() != null) {
      return x.message().equals(text);
    }
    if (x.regex() != null) {
      return com.google.re2j.Pattern.compile(x.regex()).matcher(text).find();
    }
    return true;
  }

  private static String matchFailure(Script.Eval e, String message) {
    for (Script.Expectation x : e.all("fail")) {
      if (!matches(x, message)) {
        return "expected error " + (x.message() != null ? x.message() : "matching " + x.regex())
            + ", got: " + message;
      }
    }
    return null;
  }

  /** The upstream float rule: relative tolerance 1e-6; NaNs equal, StaleNaN only itself. */
  static boolean equal(double a, double b) {
    if (StaleNaN.is(a) || StaleNaN.is(b)) {
      return StaleNaN.is(a) && StaleNaN.is(b);
    }
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double diff = Math.abs(a - b);
    double minNormal = Double.MIN_NORMAL;
    if (a == 0 || b == 0 || Math.abs(a) + Math.abs(b) < minNormal) {
      return diff < 1e-6 * minNormal;
    }
    return diff / Math.min(Math.abs(a) + Math.abs(b), Double.MAX_VALUE) < 1e-6;
  }

  private static boolean callsAny(Expr e) {
    if (e instanceof Call c && AT_UNSAFE.contains(c.function().name())) {
      return true;
    }
    if (e instanceof dev.vigil.server.promql.ast.DurationExpr d
        && (d.op() == dev.vigil.server.promql.ast.DurationExpr.Op.STEP
            || d.op() == dev.vigil.server.promql.ast.DurationExpr.Op.RANGE)) {
      return true;
    }
    if (e instanceof MatrixSelector m && (m.rangeExpr() != null)) {
      return callsAny(m.rangeExpr()) || callsAny(m.selector());
    }
    if (e instanceof VectorSelector v && v.offsetExpr() != null) {
      return callsAny(v.offsetExpr());
    }
    if (e instanceof SubqueryExpr s) {
      for (Expr d : new Expr[] {s.rangeExpr(), s.stepExpr(), s.offsetExpr()}) {
        if (d != null && callsAny(d)) {
          return true;
        }
      }
    }
    for (Expr c : Exprs.children(e)) {
      if (callsAny(c)) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code @ t} to every selector and subquery lacking one, not inside a pinned subquery. */
  static Expr addAt(Expr e, long t) {
    AtModifier at = AtModifier.at(t);
    if (e instanceof VectorSelector v) {
      return v.at() == null ? v.withAt(at, v.positionRange()) : v;
    }
    if (e instanceof MatrixSelector m) {
      VectorSelector v = m.selector();
      return v.at() == null ? m.withSelector(v.withAt(at, v.positionRange()), m.positionRange()) : m;
    }
    if (e instanceof SubqueryExpr s) {
      return s.at() == null ? s.withAt(at, s.positionRange()) : s;
    }
    return Exprs.mapChildren(e, c -> addAt(c, t));
  }

  private static String describe(List<Sample> samples) {
    StringBuilder b = new StringBuilder("[");
    for (Sample s : samples) {
      b.append(s.labels()).append(' ').append(fmt(s.value())).append("; ");
    }
    return b.append(']').toString();
  }

  private static String describePoints(List<Point> points) {
    StringBuilder b = new StringBuilder("[");
    for (Point p : points) {
      b.append(fmt(p.value())).append('@').append(p.timestamp()).append(' ');
    }
    return b.append(']').toString();
  }

  static String fmt(double v) {
    return StaleNaN.is(v) ? "stale" : GoFloat.formatG(v);
  }

}
