package dev.vigil.server.promql.ast;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.lexer.Durations;
import dev.vigil.server.promql.lexer.GoFloats;
import dev.vigil.server.promql.lexer.GoText;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Renders an expression as canonical PromQL, character for character as Prometheus's {@code
 * String()} does: lower-case keywords, {@code by (a, b)} with spaces, matchers sorted, durations
 * normalised ({@code 90m} prints as {@code 1h30m}), numbers in Go's shortest form. This text is
 * what {@code /api/v1/format_query} returns, and re-parsing it gives the same tree.
 */
public final class Printer {

  private Printer() {}

  /** The canonical text of {@code e}. */
  public static String print(Expr e) {
    StringBuilder sb = new StringBuilder();
    write(e, sb);
    return sb.toString();
  }

  private static void write(Expr e, StringBuilder sb) {
    if (e instanceof NumberLiteral n) {
      sb.append(number(n));
    } else if (e instanceof StringLiteral s) {
      sb.append(GoText.quote(s.value()));
    } else if (e instanceof ParenExpr p) {
      sb.append('(');
      write(p.expr(), sb);
      sb.append(')');
    } else if (e instanceof UnaryExpr u) {
      sb.append(u.negative() ? '-' : '+');
      write(u.expr(), sb);
    } else if (e instanceof BinaryExpr b) {
      binary(b, sb);
    } else if (e instanceof AggregateExpr a) {
      aggregate(a, sb);
    } else if (e instanceof Call c) {
      sb.append(c.function().name()).append('(');
      join(c.args(), sb);
      sb.append(')');
    } else if (e instanceof VectorSelector v) {
      selector(v, true, sb);
    } else if (e instanceof MatrixSelector m) {
      matrix(m, sb);
    } else if (e instanceof SubqueryExpr s) {
      subquery(s, sb);
    } else if (e instanceof DurationExpr d) {
      duration(d, sb);
    } else {
      throw new IllegalStateException("unknown node " + e.getClass());
    }
  }

  private static String number(NumberLiteral n) {
    if (!n.duration()) {
      return GoFloats.formatF(n.value());
    }
    // Go converts the float to integer nanoseconds by truncation before formatting.
    if (n.value() < 0) {
      return "-" + Durations.format((long) (-n.value() * 1e9));
    }
    return Durations.format((long) (n.value() * 1e9));
  }

  private static void join(List<Expr> args, StringBuilder sb) {
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      write(args.get(i), sb);
    }
  }

  private static void aggregate(AggregateExpr a, StringBuilder sb) {
    aggregatePrefix(a, sb);
    sb.append('(');
    if (a.param() != null) {
      write(a.param(), sb);
      sb.append(", ");
    }
    write(a.expr(), sb);
    sb.append(')');
  }

  /** Walks the left spine of {@code a + b + c ...} iteratively; long chains are common. */
  /**
   * The operator and its grouping, e.g. {@code sum by (job) }, with a trailing space if grouped.
   */
  static void aggregatePrefix(AggregateExpr a, StringBuilder sb) {
    sb.append(a.op().keyword());
    if (a.without()) {
      sb.append(" without (");
      labelList(a.grouping(), sb);
      sb.append(") ");
    } else if (!a.grouping().isEmpty()) {
      sb.append(" by (");
      labelList(a.grouping(), sb);
      sb.append(") ");
    }
  }

  private static void binary(BinaryExpr top, StringBuilder sb) {
    Deque<BinaryExpr> spine = new ArrayDeque<>();
    Expr e = top;
    while (e instanceof BinaryExpr b) {
      spine.push(b);
      e = b.lhs();
    }
    write(e, sb);
    while (!spine.isEmpty()) {
      operatorAndRhs(spine.pop(), sb);
    }
  }

  private static void operatorAndRhs(BinaryExpr b, StringBuilder sb) {
    sb.append(' ');
    operator(b, sb);
    sb.append(' ');
    write(b.rhs(), sb);
  }

  /**
   * The operator with {@code bool} and its matching modifiers, e.g. {@code / on (a) group_left
   * (b)}.
   */
  static void operator(BinaryExpr b, StringBuilder sb) {
    sb.append(b.op().symbol());
    if (b.returnBool()) {
      sb.append(" bool");
    }
    if (b.matching() != null) {
      matching(b.matching(), sb);
    }
  }

  private static void matching(VectorMatching vm, StringBuilder sb) {
    boolean grouped =
        vm.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
            || vm.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY;
    if (!vm.matchingLabels().isEmpty() || vm.on() || grouped) {
      sb.append(vm.on() ? " on (" : " ignoring (");
      labelList(vm.matchingLabels(), sb);
      sb.append(')');
    }
    if (grouped) {
      sb.append(
          vm.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
              ? " group_left ("
              : " group_right (");
      labelList(vm.include(), sb);
      sb.append(')');
    }
    Double l = vm.fillLhs();
    Double r = vm.fillRhs();
    if (l != null && r != null && l.doubleValue() == r.doubleValue()) {
      // NaN never equals NaN, so NaN fills print as separate left/right fills, like Go's ==.
      sb.append(" fill (").append(GoFloats.formatG(l)).append(')');
    } else {
      if (l != null) {
        sb.append(" fill_left (").append(GoFloats.formatG(l)).append(')');
      }
      if (r != null) {
        sb.append(" fill_right (").append(GoFloats.formatG(r)).append(')');
      }
    }
  }

  private static void selector(VectorSelector v, boolean withModifiers, StringBuilder sb) {
    List<String> parts = new ArrayList<>(v.matchers().size());
    for (LabelMatcher m : v.matchers()) {
      boolean isName =
          m.name().equals(Labels.METRIC_NAME)
              && m.type() == LabelMatcher.Type.EQUAL
              && m.value().equals(v.name())
              && !m.value().isEmpty();
      if (!isName) {
        parts.add(matcher(m));
      }
    }
    sb.append(v.name());
    if (!parts.isEmpty()) {
      // Go sorts by bytes; code point order is the same as UTF-8 byte order.
      parts.sort(Printer::compareCodePoints);
      sb.append('{').append(String.join(",", parts)).append('}');
    }
    if (withModifiers) {
      at(v.at(), sb);
      rangeModifier(v.rangeModifier(), sb);
      offset(v.offset(), v.offsetExpr(), sb);
    }
  }

  private static void matrix(MatrixSelector m, StringBuilder sb) {
    VectorSelector v = m.selector();
    selector(v, false, sb);
    sb.append('[');
    durationOrExpr(m.range(), m.rangeExpr(), sb);
    sb.append(']');
    rangeModifier(v.rangeModifier(), sb);
    at(v.at(), sb);
    offset(v.offset(), v.offsetExpr(), sb);
  }

  private static void subquery(SubqueryExpr s, StringBuilder sb) {
    write(s.expr(), sb);
    subquerySuffix(s, sb);
  }

  /** {@code [range:step] @ t offset d} of a subquery. */
  static void subquerySuffix(SubqueryExpr s, StringBuilder sb) {
    sb.append('[');
    durationOrExpr(s.range(), s.rangeExpr(), sb);
    sb.append(':');
    if (!s.step().isZero()) {
      sb.append(Durations.format(s.step().toNanos()));
    } else if (s.stepExpr() != null) {
      duration(s.stepExpr(), sb);
    }
    sb.append(']');
    at(s.at(), sb);
    offset(s.offset(), s.offsetExpr(), sb);
  }

  private static void durationOrExpr(Duration d, DurationExpr expr, StringBuilder sb) {
    if (expr != null) {
      duration(expr, sb);
    } else {
      sb.append(Durations.format(d.toNanos()));
    }
  }

  private static void at(AtModifier at, StringBuilder sb) {
    if (at == null) {
      return;
    }
    switch (at.kind()) {
      case TIMESTAMP ->
          sb.append(" @ ").append(GoFloats.formatFixed(at.timestampMillis() / 1000.0, 3));
      case START -> sb.append(" @ start()");
      case END -> sb.append(" @ end()");
    }
  }

  private static void rangeModifier(RangeModifier m, StringBuilder sb) {
    switch (m) {
      case ANCHORED -> sb.append(" anchored");
      case SMOOTHED -> sb.append(" smoothed");
      case NONE -> {
        // nothing
      }
    }
  }

  private static void offset(Duration offset, DurationExpr expr, StringBuilder sb) {
    if (expr != null) {
      sb.append(" offset ");
      duration(expr, sb);
    } else if (offset.isNegative()) {
      sb.append(" offset -").append(Durations.format(-offset.toNanos()));
    } else if (!offset.isZero()) {
      sb.append(" offset ").append(Durations.format(offset.toNanos()));
    }
  }

  private static void duration(DurationExpr d, StringBuilder sb) {
    if (d.wrapped()) {
      sb.append('(');
    }
    switch (d.op()) {
      case STEP -> sb.append("step()");
      case RANGE -> sb.append("range()");
      case MIN_OF, MAX_OF -> {
        sb.append(d.op().symbol()).append('(');
        write(d.lhs(), sb);
        sb.append(", ");
        write(d.rhs(), sb);
        sb.append(')');
      }
      default -> {
        if (d.lhs() == null) {
          // Unary: minus prints, plus disappears (Prometheus prints +x as x).
          if (d.op() == DurationExpr.Op.SUB) {
            sb.append('-');
          }
          write(d.rhs(), sb);
        } else {
          write(d.lhs(), sb);
          sb.append(' ').append(d.op().symbol()).append(' ');
          write(d.rhs(), sb);
        }
      }
    }
    if (d.wrapped()) {
      sb.append(')');
    }
  }

  private static String matcher(LabelMatcher m) {
    String name = isLegacyName(m.name()) ? m.name() : GoText.quote(m.name());
    return name + m.type().operator() + GoText.quote(m.value());
  }

  private static void labelList(List<String> labels, StringBuilder sb) {
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String l = labels.get(i);
      sb.append(isLegacyName(l) ? l : GoText.quote(l));
    }
  }

  /** {@code [a-zA-Z_][a-zA-Z0-9_]*}: names that need no quotes. */
  static boolean isLegacyName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          c == '_'
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
