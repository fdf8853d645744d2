package dev.vigil.server.promql.functions;

import static dev.vigil.server.promql.ast.ValueType.MATRIX;
import static dev.vigil.server.promql.ast.ValueType.SCALAR;
import static dev.vigil.server.promql.ast.ValueType.STRING;
import static dev.vigil.server.promql.ast.ValueType.VECTOR;

import dev.vigil.server.promql.ast.Function;
import dev.vigil.server.promql.ast.ValueType;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every PromQL function of Prometheus 3.x with its signature, one row per function. Adding a
 * function to the language means adding a row here (and its implementation in the engine).
 *
 * <p>Columns: name, argument types, variadic (0: fixed arity; n &gt; 0: the last argument is
 * optional and may repeat up to n times; -1: the last argument may repeat without limit, or be
 * absent), return type, experimental (needs experimental functions enabled in the parser).
 */
public final class FunctionTable {

  private static final int FIXED = 0;
  private static final int UNLIMITED = -1;
  private static final boolean STABLE = false;
  private static final boolean EXPERIMENTAL = true;

  private static final Function[] ROWS = {
    row("abs", args(VECTOR), FIXED, VECTOR, STABLE),
    row("absent", args(VECTOR), FIXED, VECTOR, STABLE),
    row("absent_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("acos", args(VECTOR), FIXED, VECTOR, STABLE),
    row("acosh", args(VECTOR), FIXED, VECTOR, STABLE),
    row("asin", args(VECTOR), FIXED, VECTOR, STABLE),
    row("asinh", args(VECTOR), FIXED, VECTOR, STABLE),
    row("atan", args(VECTOR), FIXED, VECTOR, STABLE),
    row("atanh", args(VECTOR), FIXED, VECTOR, STABLE),
    row("avg_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("ceil", args(VECTOR), FIXED, VECTOR, STABLE),
    row("changes", args(MATRIX), FIXED, VECTOR, STABLE),
    row("clamp", args(VECTOR, SCALAR, SCALAR), FIXED, VECTOR, STABLE),
    row("clamp_max", args(VECTOR, SCALAR), FIXED, VECTOR, STABLE),
    row("clamp_min", args(VECTOR, SCALAR), FIXED, VECTOR, STABLE),
    row("cos", args(VECTOR), FIXED, VECTOR, STABLE),
    row("cosh", args(VECTOR), FIXED, VECTOR, STABLE),
    row("count_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("day_of_month", args(VECTOR), 1, VECTOR, STABLE),
    row("day_of_week", args(VECTOR), 1, VECTOR, STABLE),
    row("day_of_year", args(VECTOR), 1, VECTOR, STABLE),
    row("days_in_month", args(VECTOR), 1, VECTOR, STABLE),
    row("deg", args(VECTOR), FIXED, VECTOR, STABLE),
    row("delta", args(MATRIX), FIXED, VECTOR, STABLE),
    row("deriv", args(MATRIX), FIXED, VECTOR, STABLE),
    row("double_exponential_smoothing", args(MATRIX, SCALAR, SCALAR), FIXED, VECTOR, EXPERIMENTAL),
    row("end", args(), FIXED, SCALAR, EXPERIMENTAL),
    row("exp", args(VECTOR), FIXED, VECTOR, STABLE),
    row("first_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("floor", args(VECTOR), FIXED, VECTOR, STABLE),
    row("histogram_avg", args(VECTOR), FIXED, VECTOR, STABLE),
    row("histogram_count", args(VECTOR), FIXED, VECTOR, STABLE),
    row("histogram_fraction", args(SCALAR, SCALAR, VECTOR), FIXED, VECTOR, STABLE),
    row("histogram_quantile", args(SCALAR, VECTOR), FIXED, VECTOR, STABLE),
    row("histogram_quantiles", args(VECTOR, STRING, SCALAR, SCALAR), 9, VECTOR, EXPERIMENTAL),
    row("histogram_stddev", args(VECTOR), FIXED, VECTOR, STABLE),
    row("histogram_stdvar", args(VECTOR), FIXED, VECTOR, STABLE),
    row("histogram_sum", args(VECTOR), FIXED, VECTOR, STABLE),
    row("hour", args(VECTOR), 1, VECTOR, STABLE),
    row("idelta", args(MATRIX), FIXED, VECTOR, STABLE),
    row("increase", args(MATRIX), FIXED, VECTOR, STABLE),
    row("info", args(VECTOR, VECTOR), 1, VECTOR, EXPERIMENTAL),
    row("irate", args(MATRIX), FIXED, VECTOR, STABLE),
    row("label_join", args(VECTOR, STRING, STRING, STRING), UNLIMITED, VECTOR, STABLE),
    row("label_replace", args(VECTOR, STRING, STRING, STRING, STRING), FIXED, VECTOR, STABLE),
    row("last_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("ln", args(VECTOR), FIXED, VECTOR, STABLE),
    row("log10", args(VECTOR), FIXED, VECTOR, STABLE),
    row("log2", args(VECTOR), FIXED, VECTOR, STABLE),
    row("mad_over_time", args(MATRIX), FIXED, VECTOR, EXPERIMENTAL),
    row("max_of", args(SCALAR, SCALAR), FIXED, SCALAR, EXPERIMENTAL),
    row("max_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("min_of", args(SCALAR, SCALAR), FIXED, SCALAR, EXPERIMENTAL),
    row("min_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("minute", args(VECTOR), 1, VECTOR, STABLE),
    row("month", args(VECTOR), 1, VECTOR, STABLE),
    row("pi", args(), FIXED, SCALAR, STABLE),
    row("predict_linear", args(MATRIX, SCALAR), FIXED, VECTOR, STABLE),
    row("present_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("quantile_over_time", args(SCALAR, MATRIX), FIXED, VECTOR, STABLE),
    row("rad", args(VECTOR), FIXED, VECTOR, STABLE),
    row("range", args(), FIXED, SCALAR, EXPERIMENTAL),
    row("rate", args(MATRIX), FIXED, VECTOR, STABLE),
    row("resets", args(MATRIX), FIXED, VECTOR, STABLE),
    row("round", args(VECTOR, SCALAR), 1, VECTOR, STABLE),
    row("scalar", args(VECTOR), FIXED, SCALAR, STABLE),
    row("sgn", args(VECTOR), FIXED, VECTOR, STABLE),
    row("sin", args(VECTOR), FIXED, VECTOR, STABLE),
    row("sinh", args(VECTOR), FIXED, VECTOR, STABLE),
    row("sort", args(VECTOR), FIXED, VECTOR, STABLE),
    row("sort_by_label", args(VECTOR, STRING), UNLIMITED, VECTOR, EXPERIMENTAL),
    row("sort_by_label_desc", args(VECTOR, STRING), UNLIMITED, VECTOR, EXPERIMENTAL),
    row("sort_desc", args(VECTOR), FIXED, VECTOR, STABLE),
    row("sqrt", args(VECTOR), FIXED, VECTOR, STABLE),
    row("start", args(), FIXED, SCALAR, EXPERIMENTAL),
    row("start_timestamp", args(VECTOR), FIXED, VECTOR, EXPERIMENTAL),
    row("stddev_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("stdvar_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("step", args(), FIXED, SCALAR, EXPERIMENTAL),
    row("sum_over_time", args(MATRIX), FIXED, VECTOR, STABLE),
    row("tan", args(VECTOR), FIXED, VECTOR, STABLE),
    row("tanh", args(VECTOR), FIXED, VECTOR, STABLE),
    row("time", args(), FIXED, SCALAR, STABLE),
    row("timestamp", args(VECTOR), FIXED, VECTOR, STABLE),
    row("ts_of_first_over_time", args(MATRIX), FIXED, VECTOR, EXPERIMENTAL),
    row("ts_of_last_over_time", args(MATRIX), FIXED, VECTOR, EXPERIMENTAL),
    row("ts_of_max_over_time", args(MATRIX), FIXED, VECTOR, EXPERIMENTAL),
    row("ts_of_min_over_time", args(MATRIX), FIXED, VECTOR, EXPERIMENTAL),
    row("vector", args(SCALAR), FIXED, VECTOR, STABLE),
    row("year", args(VECTOR), 1, VECTOR, STABLE),
  };

  private static final Map<String, Function> BY_NAME = index(ROWS);

  private FunctionTable() {}

  /** The function with this exact (case-sensitive) name, or null. */
  public static Function lookup(String name) {
    return BY_NAME.get(name);
  }

  /** All functions, sorted by name. */
  public static Collection<Function> all() {
    return BY_NAME.values();
  }

  private static Function row(
      String name, List<ValueType> args, int variadic, ValueType returns, boolean experimental) {
    return new Function(name, args, variadic, returns, experimental);
  }

  private static List<ValueType> args(ValueType... types) {
    return List.of(types);
  }

  private static Map<String, Function> index(Function... rows) {
    Map<String, Function> m = new TreeMap<>();
    for (Function f : rows) {
      if (m.put(f.name(), f) != null) {
        throw new IllegalStateException("function listed twice: " + f.name());
      }
    }
    return Collections.unmodifiableMap(m);
  }
}
