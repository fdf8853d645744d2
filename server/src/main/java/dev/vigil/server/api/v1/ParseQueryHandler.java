package dev.vigil.server.api.v1;

import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.web.WebResponse;

/**
 * {@code GET|POST /api/v1/parse_query}: the query's syntax tree as JSON, in the shape of
 * Prometheus 3's endpoint (see {@link AstJson}).
 */
final class ParseQueryHandler extends QueryTextHandler {

  @Override
  WebResponse respond(Expr expr) {
    return ApiJson.success(g -> AstJson.write(g, expr));
  }
}
