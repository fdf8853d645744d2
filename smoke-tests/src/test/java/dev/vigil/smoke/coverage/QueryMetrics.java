package dev.vigil.smoke.coverage;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.Exprs;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL query selects, found with the server's own parser (so function names,
 * keywords and label names can never be mistaken for metrics).
 */
final class QueryMetrics {

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.ALL);

  private QueryMetrics() {}

  /**
   * @throws dev.vigil.server.promql.parser.ParseException when the query (after variable
   *     substitution) is not valid PromQL; its message gives the position
   */
  static Set<String> of(String grafanaQuery) {
    Expr root = PARSER.parseExpr(GrafanaVariables.substitute(grafanaQuery));
    return metricsOf(root);
  }

  /**
   * The metric names a template variable's query reads: Grafana's {@code label_values(selector,
   * label)} and {@code query_result(expr)} wrap PromQL; {@code label_values(label)} reads no
   * particular metric.
   */
  static Set<String> ofVariable(String variableQuery) {
    String q = variableQuery.strip();
    if (q.startsWith("query_result(") && q.endsWith(")")) {
      return of(q.substring("query_result(".length(), q.length() - 1));
    }
    if (q.startsWith("label_values(") && q.endsWith(")")) {
      String args = q.substring("label_values(".length(), q.length() - 1);
      int comma = lastTopLevelComma(args);
      return comma < 0 ? new TreeSet<>() : of(args.substring(0, comma));
    }
    return of(q);
  }

  /** The last comma outside braces, parentheses and quotes, or -1. */
  private static int lastTopLevelComma(String s) {
    int depth = 0;
    int last = -1;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '{' || c == '(' || c == '[') {
        depth++;
      } else if (c == '}' || c == ')' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        last = i;
      }
    }
    return last;
  }

  private static Set<String> metricsOf(Expr root) {
    Set<String> names = new TreeSet<>();
    Deque<Expr> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Expr e = pending.pop();
      if (e instanceof VectorSelector selector) {
        String name = nameOf(selector);
        if (name != null) {
          names.add(name);
        }
      }
      Exprs.children(e).forEach(pending::push);
    }
    return names;
  }

  /** The selector's name, written either before the braces or as {@code __name__="..."}. */
  private static String nameOf(VectorSelector selector) {
    if (selector.name() != null && !selector.name().isEmpty()) {
      return selector.name();
    }
    for (LabelMatcher m : selector.matchers()) {
      if (m.name().equals("__name__") && m.type() == LabelMatcher.Type.EQUAL) {
        return m.value();
      }
    }
    return null;
  }
}
