package dev.vigil.server.promql.parser;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.promql.ast.Expr;
import java.util.List;
import java.util.Objects;

/**
 * Parses PromQL text into a type-checked {@link Expr}, or fails with a {@link ParseException}
 * worded and positioned as Prometheus words it. Instances are immutable and thread-safe.
 */
public final class PromqlParser {

  private final ParserOptions options;

  public PromqlParser(ParserOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  public ParserOptions options() {
    return options;
  }

  /**
   * Parses and type-checks a query.
   *
   * @throws ParseException for any syntax or type error; never anything else
   */
  public Expr parseExpr(String query) {
    TokenStream ts = new TokenStream(query);
    Expr e = new ExprParser(ts, options).parseQuery();
    return new TypeChecker(ts).check(e);
  }

  /**
   * Parses a bare series selector such as a {@code match[]} API parameter ({@code up{job="a"}}),
   * returning its matchers. Like Prometheus, this does not insist on a non-empty matcher; callers
   * that need one check it themselves.
   *
   * @throws ParseException when the text is not exactly one selector
   */
  public List<LabelMatcher> parseMetricSelector(String selector) {
    return new ExprParser(new TokenStream(selector), options).parseSelectorOnly().matchers();
  }
}
