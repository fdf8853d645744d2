package dev.vigil.server.promql.ast;

import java.nio.charset.StandardCharsets;

/**
 * Formats a query over several indented lines once it no longer fits in 100 columns, following
 * Prometheus's prettier rules: {@code /api/v1/format_query} returns this form. A node that fits
 * stays on one line in its canonical form ({@link Printer}); a node that does not is split:
 * aggregations and calls put their arguments on their own lines, binary operators put the operator
 * on a line between the operands, parentheses wrap their content. Selectors, literals and ranges
 * are never split. Comments are not kept.
 */
public final class PrettyPrinter {

  /** Prometheus's {@code max_characters_per_line}, counted in bytes as Go does. */
  static final int MAX_LINE = 100;

  private static final String INDENT = "  ";

  private final int maxLine;

  private PrettyPrinter(int maxLine) {
    this.maxLine = maxLine;
  }

  /** The formatted query, split where a line would exceed 100 bytes. */
  public static String pretty(Expr e) {
    return new PrettyPrinter(MAX_LINE).format(e, 0);
  }

  /** The formatted query with another line limit (in UTF-8 bytes). */
  public static String pretty(Expr e, int maxLineBytes) {
    return new PrettyPrinter(maxLineBytes).format(e, 0);
  }

  private String format(Expr e, int level) {
    String indent = INDENT.repeat(level);
    String flat = e.toString();
    boolean fits = flat.getBytes(StandardCharsets.UTF_8).length <= maxLine;
    if (e instanceof AggregateExpr a) {
      if (fits) {
        return indent + flat;
      }
      StringBuilder sb = new StringBuilder(indent);
      Printer.aggregatePrefix(a, sb);
      sb.append("(\n");
      if (a.param() != null) {
        sb.append(format(a.param(), level + 1)).append(",\n");
      }
      return sb.append(format(a.expr(), level + 1))
          .append('\n')
          .append(indent)
          .append(')')
          .toString();
    }
    if (e instanceof BinaryExpr b) {
      if (fits) {
        return indent + flat;
      }
      StringBuilder op = new StringBuilder();
      Printer.operator(b, op);
      return format(b.lhs(), level + 1) + "\n" + indent + op + "\n" + format(b.rhs(), level + 1);
    }
    if (e instanceof Call c) {
      if (fits) {
        return indent + flat;
      }
      StringBuilder sb = new StringBuilder(indent).append(c.function().name()).append("(\n");
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          sb.append(",\n");
        }
        sb.append(format(c.args().get(i), level + 1));
      }
      return sb.append('\n').append(indent).append(')').toString();
    }
    if (e instanceof ParenExpr p) {
      return fits
          ? indent + flat
          : indent + "(\n" + format(p.expr(), level + 1) + "\n" + indent + ")";
    }
    if (e instanceof SubqueryExpr s) {
      // Prometheus does not indent a subquery that fits on its line.
      if (fits) {
        return flat;
      }
      StringBuilder suffix = new StringBuilder();
      Printer.subquerySuffix(s, suffix);
      return format(s.expr(), level) + suffix;
    }
    if (e instanceof UnaryExpr u) {
      return indent + (u.negative() ? "-" : "+") + format(u.expr(), level).strip();
    }
    return indent + flat;
  }
}
