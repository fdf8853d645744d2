package dev.vigil.server.api.v1;

import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.PrettyPrinter;
import dev.vigil.server.promql.parser.ParseException;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/** {@code GET|POST /api/v1/format_query}: the query pretty-printed as Prometheus's formatter does. */
final class FormatQueryHandler implements ApiEndpoint {

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
    String pretty = PrettyPrinter.pretty(expr);
    return ApiJson.success(g -> g.writeString(pretty));
  }
}
