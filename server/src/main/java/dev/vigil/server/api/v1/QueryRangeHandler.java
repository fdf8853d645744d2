package dev.vigil.server.api.v1;

import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.ValueType;
import dev.vigil.server.promql.engine.Engine;
import dev.vigil.server.promql.engine.QueryException;
import dev.vigil.server.promql.engine.QueryResult;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/**
 * {@code GET|POST /api/v1/query_range}: evaluates {@code query} from {@code start} to {@code end}
 * every {@code step}, with Prometheus's parameter checks and its 11,000-points cap.
 */
final class QueryRangeHandler implements ApiEndpoint {

  /** Prometheus refuses range queries with more points per series than this. */
  static final long MAX_POINTS = 11_000;

  private final Engine engine;

  QueryRangeHandler(Engine engine) {
    this.engine = engine;
  }

  @Override
  public boolean allowsPost() {
    return true;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    long start = TimeParam.parse("start", orEmpty(request.param("start")));
    long end = TimeParam.parse("end", orEmpty(request.param("end")));
    if (end < start) {
      throw new ApiException(ApiErrorType.BAD_DATA, "end timestamp must not be before start time");
    }
    long step = QueryParams.duration("step", orEmpty(request.param("step"))).toMillis();
    if (step <= 0) {
      throw new ApiException(
          ApiErrorType.BAD_DATA,
          "zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    if ((end - start) / step > MAX_POINTS) {
      throw new ApiException(
          ApiErrorType.BAD_DATA,
          "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query"
              + " resolution (?step=XX)");
    }
    QueryParams params = QueryParams.of(request);
    Expr expr = QueryParams.parse(engine, request.param("query"));
    if (expr.type() != ValueType.VECTOR && expr.type() != ValueType.SCALAR) {
      // Prometheus rejects these when it creates the query, as a bad "query" parameter (400).
      throw ApiException.invalidParameter(
          "query",
          "invalid expression type \""
              + (expr.type() == ValueType.MATRIX ? "range vector" : "string")
              + "\" for range query, must be Scalar or instant Vector");
    }
    QueryResult result;
    try {
      result =
          engine.range(
              expr, request.param("query"), start, end, step, params.lookback(), params.timeout());
    } catch (QueryException e) {
      throw QueryParams.toApi(e);
    }
    return QueryResponses.write(result, start, request.param("stats"));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
