package dev.vigil.server.api.v1;

import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.PrettyPrinter;
import dev.vigil.server.web.WebResponse;

/** {@code GET|POST /api/v1/format_query}: the query pretty-printed as Prometheus's formatter does. */
final class FormatQueryHandler extends QueryTextHandler {

  @Override
  WebResponse respond(Expr expr) {
    String pretty = PrettyPrinter.pretty(expr);
    return ApiJson.success(g -> g.writeString(pretty));
  }
}
