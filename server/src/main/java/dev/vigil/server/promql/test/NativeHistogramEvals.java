package dev.vigil.server.promql.test;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.Exprs;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import java.util.List;
import java.util.Set;

/**
 * Decides whether an eval is about native histograms, which the engine does not support yet: its
 * expected result holds {@code {{...}}} histogram samples, it calls a function that only reads
 * native histograms, or one of its selectors matches a series loaded with histogram samples.
 *
 * <p>The check is exact on purpose: an earlier heuristic (any bare {@code {...}} selector, or the
 * metric name appearing anywhere in the text) hid unrelated failures behind "native histograms".
 */
final class NativeHistogramEvals {

  /** Functions that return nothing for float samples: only meaningful on native histograms. */
  private static final Set<String> HISTOGRAM_ONLY =
      Set.of(
          "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev",
          "histogram_stdvar");

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.ALL);

  private NativeHistogramEvals() {}

  /** Whether the eval reads or expects native histograms, given the loaded histogram series. */
  static boolean involves(Script.Eval e, List<Labels> histogramSeries) {
    if (e.histograms()) {
      return true;
    }
    Expr expr;
    try {
      expr = PARSER.parseExpr(e.expr());
    } catch (RuntimeException ex) {
      return false;
    }
    return reads(expr, histogramSeries);
  }

  private static boolean reads(Expr e, List<Labels> histogramSeries) {
    if (e instanceof Call c && HISTOGRAM_ONLY.contains(c.function().name())) {
      return true;
    }
    if (e instanceof VectorSelector v && selectsAny(v.matchers(), histogramSeries)) {
      return true;
    }
    for (Expr child : Exprs.children(e)) {
      if (reads(child, histogramSeries)) {
        return true;
      }
    }
    return false;
  }

  private static boolean selectsAny(List<LabelMatcher> matchers, List<Labels> series) {
    for (Labels s : series) {
      if (matchers.stream().allMatch(m -> m.matches(s))) {
        return true;
      }
    }
    return false;
  }
}
