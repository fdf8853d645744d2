package dev.vigil.server.api.v1;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET|POST /api/v1/series}: the label sets of series matching any of the required {@code
 * match[]} selectors in {@code [start, end]}, deduplicated and in label order.
 */
final class SeriesHandler implements ApiEndpoint {

  private final Storage storage;

  SeriesHandler(Storage storage) {
    this.storage = storage;
  }

  @Override
  public boolean allowsPost() {
    return true;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    List<String> selectors = request.params("match[]");
    if (selectors.isEmpty()) {
      throw new ApiException(ApiErrorType.BAD_DATA, "no match[] parameter provided");
    }
    int limit = ApiParams.limit(request);
    long start = ApiParams.time(request, "start", ApiParams.MIN_TIME);
    long end = ApiParams.time(request, "end", ApiParams.MAX_TIME);
    List<List<LabelMatcher>> sets;
    try {
      sets = ApiParams.matcherSets(selectors);
    } catch (ApiParams.MatchException e) {
      throw ApiException.invalidParameter("match[]", e.getMessage());
    }
    // A sorted set both merges overlapping selectors and gives a stable order for limit.
    TreeSet<Labels> found = new TreeSet<>();
    try (Querier q = storage.querier(start, end)) {
      for (List<LabelMatcher> matchers : sets) {
        SeriesSet s = q.select(false, matchers);
        while (s.next()) {
          found.add(s.at().labels());
        }
      }
    }
    List<String> warnings = new ArrayList<>();
    List<Labels> out = ApiResponses.truncate(new ArrayList<>(found), limit, warnings);
    return ApiResponses.success(
        g -> {
          g.writeStartArray();
          for (Labels l : out) {
            ApiJson.writeLabels(g, l);
          }
          g.writeEndArray();
        },
        warnings);
  }
}
