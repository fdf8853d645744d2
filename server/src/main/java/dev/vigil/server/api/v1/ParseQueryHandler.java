package dev.vigil.server.api.v1;

import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.parser.ParseException;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/**
 * {@code GET|POST /api/v1/parse_query}: the query's syntax tree as JSON, in the shape of
 * Prometheus 3's endpoint (see {@link AstJson}); a query that does not parse is a bad {@code
 * query} parameter whose message carries the position.
 */
final class ParseQueryHandler implements ApiEndpoint {

  private final PromqlParser parser = new PromqlParser(ParserOptions.SERVER_DEFAULT);

  @Override
  public boolean allowsPost() {
    return true;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    String query = request.param("query");
    Expr expr;
    try {
      expr = parser.parseExpr(query == null ? "" : query);
    } catch (ParseException e) {
      throw ApiException.invalidParameter("query", e.getMessage());
    }
    return ApiJson.success(g -> AstJson.write(g, expr));
  }
}
