package dev.vigil.server.api.v1;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET|POST /api/v1/labels}: label names of the series matching any {@code match[]} (all
 * series when none is given) with samples in {@code [start, end]}, sorted.
 */
final class LabelNamesHandler implements ApiEndpoint {

  private final Storage storage;

  LabelNamesHandler(Storage storage) {
    this.storage = storage;
  }

  @Override
  public boolean allowsPost() {
    return true;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    int limit = ApiParams.limit(request);
    long start = ApiParams.time(request, "start", ApiParams.MIN_TIME);
    long end = ApiParams.time(request, "end", ApiParams.MAX_TIME);
    List<List<LabelMatcher>> sets;
    try {
      sets = ApiParams.matcherSets(request.params("match[]"));
    } catch (ApiParams.MatchException e) {
      // Prometheus reports bad match[] here without the "invalid parameter" prefix.
      throw new ApiException(ApiErrorType.BAD_DATA, e.getMessage());
    }
    TreeSet<String> names = new TreeSet<>();
    try (Querier q = storage.querier(start, end)) {
      if (sets.isEmpty()) {
        names.addAll(q.labelNames(List.of()));
      }
      for (List<LabelMatcher> matchers : sets) {
        names.addAll(q.labelNames(matchers));
      }
    }
    List<String> warnings = new ArrayList<>();
    List<String> out = ApiResponses.truncate(new ArrayList<>(names), limit, warnings);
    return ApiResponses.success(ApiResponses.strings(out), warnings);
  }
}
