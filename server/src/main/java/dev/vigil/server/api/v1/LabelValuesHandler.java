package dev.vigil.server.api.v1;

import dev.vigil.server.format.GoQuote;
import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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
    int limit = ApiParams.limit(request);
    long start = ApiParams.time(request, "start", ApiParams.MIN_TIME);
    long end = ApiParams.time(request, "end", ApiParams.MAX_TIME);
    List<List<LabelMatcher>> sets;
    try {
      sets = ApiParams.matcherSets(request.params("match[]"));
    } catch (ApiParams.MatchException e) {
      throw new ApiException(ApiErrorType.BAD_DATA, e.getMessage());
    }
    TreeSet<String> values = new TreeSet<>();
    try (Querier q = storage.querier(start, end)) {
      if (sets.isEmpty()) {
        values.addAll(q.labelValues(name, List.of()));
      }
      for (List<LabelMatcher> matchers : sets) {
        values.addAll(q.labelValues(name, matchers));
      }
    }
    List<String> warnings = new ArrayList<>();
    List<String> out = ApiResponses.truncate(new ArrayList<>(values), limit, warnings);
    return ApiResponses.success(ApiResponses.strings(out), warnings);
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
