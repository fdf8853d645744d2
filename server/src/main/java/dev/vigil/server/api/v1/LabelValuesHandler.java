package dev.vigil.server.api.v1;

import dev.vigil.server.format.GoQuote;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/**
 * {@code GET /api/v1/label/<name>/values}: the values of one label among matching series, sorted.
 * The name comes percent-encoded in the path and may use Prometheus 3's {@code U__} escaping for
 * names outside {@code [a-zA-Z_][a-zA-Z0-9_]*}.
 */
final class LabelValuesHandler implements ApiEndpoint {

  /** The route pattern; the third segment from the end is the name. */
  static final String PATTERN = "/api/v1/label/:name/values";

  private final Storage storage;

  LabelValuesHandler(Storage storage) {
    this.storage = storage;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    String name = labelName(request.path());
    return LabelListing.respond(storage, request, (q, matchers) -> q.labelValues(name, matchers));
  }

  /** The decoded label name from {@code /api/v1/label/<name>/values}. */
  private static String labelName(String rawPath) throws ApiException {
    String prefix = "/api/v1/label/";
    String raw = rawPath.substring(prefix.length(), rawPath.length() - "/values".length());
    String name = PathSegments.decode(raw);
    if (name != null && name.startsWith("U__")) {
      name = LabelNameEscaping.unescape(name);
    }
    if (name == null || name.isEmpty()) {
      throw new ApiException(
          ApiErrorType.BAD_DATA,
          "invalid label name: " + GoQuote.quote(name == null ? raw : name));
    }
    return name;
  }
}
