package dev.vigil.server.api.v1;

import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/**
 * {@code GET|POST /api/v1/parse_query}: not served yet. Prometheus 3 answers a JSON rendering of
 * its AST whose shape our research notes do not document, so we answer {@code not_found} with a
 * message saying so rather than invent a format clients might come to rely on.
 */
final class ParseQueryHandler implements ApiEndpoint {

  static final String MESSAGE =
      "parse_query is not supported by Vigil: Prometheus's JSON AST format is not implemented;"
          + " use /api/v1/format_query to check a query";

  @Override
  public boolean allowsPost() {
    return true;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    throw new ApiException(ApiErrorType.NOT_FOUND, MESSAGE);
  }
}
