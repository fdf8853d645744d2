package dev.vigil.server.api.v1;

import dev.vigil.server.promql.parser.ParseException;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/**
 * {@code GET|POST /api/v1/query_exemplars}: validates its parameters as Prometheus does and answers
 * an empty list, since scraping skips exemplars and storage has none.
 */
final class ExemplarsHandler implements ApiEndpoint {

  private final PromqlParser parser = new PromqlParser(ParserOptions.SERVER_DEFAULT);

  @Override
  public boolean allowsPost() {
    return true;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    long start = ApiParams.time(request, "start", ApiParams.MIN_TIME);
    long end = ApiParams.time(request, "end", ApiParams.MAX_TIME);
    if (end < start) {
      throw new ApiException(
          ApiErrorType.BAD_DATA, "end timestamp must not be before start timestamp");
    }
    String query = request.param("query");
    try {
      parser.parseExpr(query == null ? "" : query);
    } catch (ParseException e) {
      throw new ApiException(ApiErrorType.BAD_DATA, e.getMessage());
    }
    return ApiJson.success(
        g -> {
          g.writeStartArray();
          g.writeEndArray();
        });
  }
}
