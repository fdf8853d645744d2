package dev.vigil.server.api.v1;

import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.engine.Engine;
import dev.vigil.server.promql.engine.QueryException;
import dev.vigil.server.promql.engine.QueryResult;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.time.Clock;

/** {@code GET|POST /api/v1/query}: evaluates {@code query} at {@code time} (default: now). */
final class QueryHandler implements ApiEndpoint {

  private final Engine engine;
  private final Clock clock;

  QueryHandler(Engine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  @Override
  public boolean allowsPost() {
    return true;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    String timeParam = request.param("time");
    long t = timeParam == null ? clock.millis() : TimeParam.parse("time", timeParam);
    QueryParams params = QueryParams.of(request);
    Expr expr = QueryParams.parse(engine, request.param("query"));
    QueryResult result;
    try {
      result = engine.instant(expr, request.param("query"), t, params.lookback(), params.timeout());
    } catch (QueryException e) {
      throw QueryParams.toApi(e);
    }
    return QueryResponses.write(result, t, request.param("stats"));
  }
}
