package dev.vigil.server.api.v1;

import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.parser.ParseException;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/**
 * An endpoint that parses its {@code query} parameter without evaluating it and answers with
 * something derived from the syntax tree; a query that does not parse is a bad {@code query}
 * parameter whose message carries the position.
 */
abstract class QueryTextHandler implements ApiEndpoint {

  private final PromqlParser parser = new PromqlParser(ParserOptions.SERVER_DEFAULT);

  @Override
  public final boolean allowsPost() {
    return true;
  }

  @Override
  public final WebResponse serve(WebRequest request) throws ApiException {
    String query = request.param("query");
    Expr expr;
    try {
      expr = parser.parseExpr(query == null ? "" : query);
    } catch (ParseException e) {
      throw ApiException.invalidParameter("query", e.getMessage());
    }
    return respond(expr);
  }

  /** The successful answer for a parsed query. */
  abstract WebResponse respond(Expr expr);
}
