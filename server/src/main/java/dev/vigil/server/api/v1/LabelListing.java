package dev.vigil.server.api.v1;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The shared body of the label-name and label-value endpoints: a union over every {@code match[]}
 * set (or all series when none is given) within {@code [start, end]}, sorted and cut at {@code
 * limit} with Prometheus's truncation warning.
 */
final class LabelListing {

  /** What one endpoint lists for one matcher set (no matchers: every series). */
  @FunctionalInterface
  interface Lookup {
    Collection<String> find(Querier querier, List<LabelMatcher> matchers);
  }

  private LabelListing() {}

  static WebResponse respond(Storage storage, WebRequest request, Lookup lookup)
      throws ApiException {
    int limit = ApiParams.limit(request);
    long start = ApiParams.time(request, "start", ApiParams.MIN_TIME);
    long end = ApiParams.time(request, "end", ApiParams.MAX_TIME);
    List<List<LabelMatcher>> sets;
    try {
      sets = ApiParams.matcherSets(request.params("match[]"));
    } catch (ApiParams.MatchException e) {
      // Prometheus reports a bad match[] here without the "invalid parameter" prefix.
      throw new ApiException(ApiErrorType.BAD_DATA, e.getMessage());
    }
    TreeSet<String> found = new TreeSet<>();
    try (Querier q = storage.querier(start, end)) {
      if (sets.isEmpty()) {
        found.addAll(lookup.find(q, List.of()));
      }
      for (List<LabelMatcher> matchers : sets) {
        found.addAll(lookup.find(q, matchers));
      }
    }
    List<String> warnings = new ArrayList<>();
    List<String> out = ApiResponses.truncate(new ArrayList<>(found), limit, warnings);
    return ApiResponses.success(ApiResponses.strings(out), warnings);
  }
}
