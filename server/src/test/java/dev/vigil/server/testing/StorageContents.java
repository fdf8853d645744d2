package dev.vigil.server.testing;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.storage.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a store back as readable strings, so tests can state what they expect plainly. */
public final class StorageContents {

  private StorageContents() {}

  /**
   * The samples of every series whose metric name is {@code name}, as {@code labels -> ["t=v",
   * ...]}, with stale markers written as {@code t=stale}.
   */
  public static Map<String, List<String>> series(Storage storage, String name) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, List.of(LabelMatcher.equal(Labels.METRIC_NAME, name)));
      while (set.next()) {
        List<String> samples = new ArrayList<>();
        SampleIterator it = set.at().iterator();
        while (it.next()) {
          samples.add(it.timestamp() + "=" + (StaleNaN.is(it.value()) ? "stale" : it.value()));
        }
        out.put(set.at().labels().toString(), samples);
      }
    }
    return out;
  }
}
