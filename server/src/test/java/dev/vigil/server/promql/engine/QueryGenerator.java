package dev.vigil.server.promql.engine;

import dev.vigil.server.promql.ast.AggregateOp;
import dev.vigil.server.promql.ast.BinaryOp;
import dev.vigil.server.promql.ast.Function;
import dev.vigil.server.promql.ast.ValueType;
import dev.vigil.server.promql.functions.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random PromQL text from the grammar: every function of {@link FunctionTable} (mostly with
 * arguments of the declared types, sometimes of a wrong type or count), every aggregation with
 * its parameter and grouping, every binary operator with {@code bool} and matching modifiers,
 * subqueries, offsets, {@code @}, durations and duration expressions.
 */
final class QueryGenerator {

  private static final List<Function> FUNCTIONS = List.copyOf(FunctionTable.all());

  private static final String[] SPECIAL_NUMBERS = {
    "0", "1", "-1", "0.5", "2", "10", "1e308", "-1e308", "Inf", "-Inf", "NaN", "0x10", "1e-300",
    "9223372036854775807", "3", "0.99", "1.5", "-0.5", "100"
  };

  private static final String[] DURATIONS = {
    "1s", "15s", "30s", "1m", "2m", "5m", "10m", "1h", "90s", "1m30s", "1ms", "6h"
  };

  private static final String[] LABELS = {"job", "instance", "le", "code", "method", "uri", "x"};

  private final Random random;
  private final List<String> metrics;

  QueryGenerator(Random random, List<String> metrics) {
    this.random = random;
    this.metrics = metrics;
  }

  /** A query of a random type, nested at most a few levels. */
  String query() {
    ValueType[] types = {ValueType.VECTOR, ValueType.VECTOR, ValueType.SCALAR, ValueType.MATRIX};
    return expr(types[random.nextInt(types.length)], 3 + random.nextInt(2));
  }

  private String expr(ValueType type, int depth) {
    if (depth <= 0) {
      return leaf(type);
    }
    return switch (type) {
      case VECTOR -> vector(depth);
      case SCALAR -> scalar(depth);
      case MATRIX -> matrix(depth);
      case STRING -> string();
    };
  }

  private String leaf(ValueType type) {
    return switch (type) {
      case VECTOR -> selector();
      case SCALAR -> number();
      case MATRIX -> selector() + "[" + duration() + "]" + modifiers();
      case STRING -> string();
    };
  }

  private String vector(int depth) {
    return switch (random.nextInt(7)) {
      case 0 -> selector() + modifiers();
      case 1, 2 -> call(ValueType.VECTOR, depth);
      case 3 -> aggregation(depth);
      case 4 -> binary(depth, true);
      case 5 -> "(" + expr(ValueType.VECTOR, depth - 1) + ")";
      default -> "-" + expr(ValueType.VECTOR, depth - 1);
    };
  }

  private String scalar(int depth) {
    return switch (random.nextInt(6)) {
      case 0 -> number();
      case 1 -> call(ValueType.SCALAR, depth);
      case 2 -> binary(depth, false);
      case 3 -> "(" + expr(ValueType.SCALAR, depth - 1) + ")";
      case 4 -> "scalar(" + expr(ValueType.VECTOR, depth - 1) + ")";
      default -> duration();
    };
  }

  private String matrix(int depth) {
    if (random.nextInt(3) == 0) {
      String inner = expr(random.nextBoolean() ? ValueType.VECTOR : ValueType.SCALAR, depth - 1);
      String step = random.nextInt(3) == 0 ? "" : duration();
      return "(" + inner + ")[" + duration() + ":" + step + "]" + modifiers();
    }
    return selector() + "[" + rangeDuration() + "]" + modifiers();
  }

  private String string() {
    String[] s = {"\"a\"", "\"job\"", "\"\"", "\"le\"", "\"(.*)\"", "\"$1\"", "\"x.y\"", "'ä'"};
    return s[random.nextInt(s.length)];
  }

  private String number() {
    return SPECIAL_NUMBERS[random.nextInt(SPECIAL_NUMBERS.length)];
  }

  private String duration() {
    return DURATIONS[random.nextInt(DURATIONS.length)];
  }

  private String rangeDuration() {
    return switch (random.nextInt(6)) {
      case 0 -> duration() + " + step()";
      case 1 -> "step()";
      case 2 -> "range()";
      case 3 -> "min_of(5m, range())";
      default -> duration();
    };
  }

  private String selector() {
    String name = metrics.get(random.nextInt(metrics.size()));
    StringBuilder sb = new StringBuilder();
    boolean quoted = !name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
    if (quoted) {
      sb.append("{\"").append(name).append('"');
    } else {
      sb.append(name).append('{');
    }
    int matchers = random.nextInt(3);
    for (int i = 0; i < matchers; i++) {
      if (quoted || i > 0) {
        sb.append(", ");
      }
      String[] ops = {"=", "!=", "=~", "!~"};
      String[] values = {"", "a", "api", ".+", "a|b", "0.5", "+Inf", "[", "(a"};
      sb.append(LABELS[random.nextInt(LABELS.length)])
          .append(ops[random.nextInt(ops.length)])
          .append('"')
          .append(values[random.nextInt(values.length)])
          .append('"');
    }
    return sb.append('}').toString();
  }

  private String modifiers() {
    StringBuilder sb = new StringBuilder();
    int r = random.nextInt(8);
    if (r == 0 || r == 2) {
      sb.append(" offset ").append(random.nextBoolean() ? "-" : "").append(duration());
    }
    if (r == 1 || r == 2) {
      String[] at = {"@ start()", "@ end()", "@ 0", "@ 1800", "@ -100", "@ 1e10"};
      sb.append(' ').append(at[random.nextInt(at.length)]);
    }
    if (r == 3) {
      sb.append(" offset (1m * 2)");
    }
    return sb.toString();
  }

  private String call(ValueType want, int depth) {
    List<Function> candidates = new ArrayList<>();
    for (Function f : FUNCTIONS) {
      if (f.returnType() == want) {
        candidates.add(f);
      }
    }
    Function f = candidates.get(random.nextInt(candidates.size()));
    int n = f.minArgs();
    if (f.maxArgs() != n && random.nextBoolean()) {
      n++;
    }
    boolean wrongCount = random.nextInt(20) == 0;
    if (wrongCount) {
      n = random.nextInt(4);
    }
    StringBuilder sb = new StringBuilder(f.name()).append('(');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      ValueType t = i < f.argTypes().size() || f.variadic() != 0 ? f.argType(i) : ValueType.VECTOR;
      if (random.nextInt(15) == 0) {
        t = ValueType.values()[random.nextInt(ValueType.values().length)];
      }
      if (f.name().startsWith("label_") && t == ValueType.STRING) {
        sb.append(i == 4 ? "\"(.*)\"" : "\"" + LABELS[random.nextInt(LABELS.length)] + "\"");
      } else {
        sb.append(expr(t, depth - 1));
      }
    }
    return sb.append(')').toString();
  }

  private String aggregation(int depth) {
    AggregateOp op = AggregateOp.values()[random.nextInt(AggregateOp.values().length)];
    StringBuilder sb = new StringBuilder(op.keyword());
    String grouping = grouping();
    boolean before = random.nextBoolean();
    if (before) {
      sb.append(grouping);
    }
    sb.append('(');
    if (op.hasParam()) {
      ValueType t = op.paramType();
      if (random.nextInt(15) == 0) {
        t = ValueType.VECTOR;
      }
      sb.append(t == ValueType.STRING ? "\"value\"" : expr(t, depth - 2)).append(", ");
    }
    sb.append(expr(ValueType.VECTOR, depth - 1)).append(')');
    if (!before) {
      sb.append(grouping);
    }
    return sb.toString();
  }

  private String grouping() {
    int r = random.nextInt(4);
    if (r == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(r == 1 ? " without (" : " by (");
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(LABELS[random.nextInt(LABELS.length)]);
    }
    if (random.nextInt(5) == 0) {
      sb.append(n == 0 ? "" : ", ").append("__name__");
    }
    return sb.append(") ").toString();
  }

  private String binary(int depth, boolean vectorResult) {
    BinaryOp op = BinaryOp.values()[random.nextInt(BinaryOp.values().length)];
    ValueType lt = vectorResult ? ValueType.VECTOR : ValueType.SCALAR;
    ValueType rt = vectorResult && random.nextBoolean() ? ValueType.VECTOR : ValueType.SCALAR;
    if (vectorResult && random.nextBoolean()) {
      ValueType tmp = lt;
      lt = rt;
      rt = tmp;
    }
    StringBuilder sb = new StringBuilder(expr(lt, depth - 1)).append(' ').append(op.symbol());
    if (op.isComparison() && random.nextBoolean()) {
      sb.append(" bool");
    }
    if (lt == ValueType.VECTOR && rt == ValueType.VECTOR && random.nextBoolean()) {
      sb.append(random.nextBoolean() ? " on(" : " ignoring(");
      sb.append(LABELS[random.nextInt(LABELS.length)]).append(')');
      int g = random.nextInt(3);
      if (g > 0) {
        sb.append(g == 1 ? " group_left" : " group_right");
        if (random.nextBoolean()) {
          sb.append('(').append(LABELS[random.nextInt(LABELS.length)]).append(')');
        }
      }
    }
    return sb.append(' ').append(expr(rt, depth - 1)).toString();
  }
}
