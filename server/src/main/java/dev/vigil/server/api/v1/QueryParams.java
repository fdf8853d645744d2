package dev.vigil.server.api.v1;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.format.GoQuote;
import dev.vigil.server.format.PromDuration;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.engine.Engine;
import dev.vigil.server.promql.engine.QueryException;
import dev.vigil.server.web.WebRequest;
import java.time.Duration;

/** The optional query parameters ({@code timeout}, {@code lookback_delta}) and shared parsing. */
record QueryParams(Duration timeout, Duration lookback) {

  static QueryParams of(WebRequest request) throws ApiException {
    String timeout = request.param("timeout");
    String lookback = request.param("lookback_delta");
    return new QueryParams(
        timeout == null || timeout.isEmpty() ? null : duration("timeout", timeout),
        lookback == null || lookback.isEmpty() ? null : duration("lookback_delta", lookback));
  }

  /** A duration as Prometheus's API takes it: float seconds or a duration like {@code 1m30s}. */
  static Duration duration(String name, String value) throws ApiException {
    try {
      double seconds = GoFloat.parse(value);
      if (Double.isFinite(seconds)) {
        double ms = Math.round(seconds * 1000);
        if (Math.abs(ms) >= 9.2e18) {
          throw ApiException.invalidParameter(
              name, "cannot parse " + GoQuote.quote(value) + " to a valid duration. It overflows int64");
        }
        return Duration.ofMillis((long) ms);
      }
    } catch (NumberFormatException e) {
      // Not a number: try a duration below.
    }
    try {
      return PromDuration.parse(value);
    } catch (RuntimeException e) {
      throw ApiException.invalidParameter(
          name, "cannot parse " + GoQuote.quote(value) + " to a valid duration");
    }
  }

  static Expr parse(Engine engine, String query) throws ApiException {
    try {
      return engine.parse(query == null ? "" : query);
    } catch (QueryException e) {
      String message = e.getMessage();
      if (query == null || query.isEmpty()) {
        // The parser has no position in an empty text; the API has always answered 1:1 here.
        message = message.replaceFirst("^unknown position", "1:1");
      }
      throw ApiException.invalidParameter("query", message);
    }
  }

  /** Engine errors with Prometheus's statuses: 400 bad_data, 422 execution, 503 timeout. */
  static ApiException toApi(QueryException e) {
    ApiErrorType type =
        switch (e.kind()) {
          case BAD_DATA -> ApiErrorType.BAD_DATA;
          case EXECUTION -> ApiErrorType.EXECUTION;
          case TIMEOUT -> ApiErrorType.TIMEOUT;
        };
    return new ApiException(type, e.getMessage());
  }
}
