package dev.vigil.server.api.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.server.model.Label;
import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/status/tsdb}: cardinality statistics in Prometheus's shape, computed by
 * walking every series through the {@link Storage} interfaces. Prometheus reads these from its
 * head index in O(postings); we have no such view across storage implementations, so this costs
 * one pass over the series and their samples — fine for a status page, not for polling.
 */
final class TsdbStatusHandler implements ApiEndpoint {

  private static final int MAX_LIMIT = 10_000;

  private final Storage storage;

  TsdbStatusHandler(Storage storage) {
    this.storage = storage;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    int limit = 10;
    String s = request.param("limit");
    if (s != null && !s.isEmpty()) {
      try {
        limit = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        limit = 0;
      }
      if (limit < 1) {
        throw new ApiException(ApiErrorType.BAD_DATA, "limit must be a positive number");
      }
      if (limit > MAX_LIMIT) {
        throw new ApiException(ApiErrorType.BAD_DATA, "limit must not exceed " + MAX_LIMIT);
      }
    }
    Stats stats = collect();
    int top = limit;
    return ApiJson.success(
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("headStats");
          g.writeNumberField("numSeries", stats.numSeries);
          g.writeNumberField("numLabelPairs", stats.pairs.size());
          // No chunks in the storage interface; 0 rather than Prometheus's NaN-derived value.
          g.writeNumberField("chunkCount", 0);
          g.writeNumberField("minTime", stats.minTime);
          g.writeNumberField("maxTime", stats.maxTime);
          g.writeEndObject();
          writeTop(g, "seriesCountByMetricName", stats.seriesByMetric, top);
          writeTop(g, "labelValueCountByLabelName", stats.valueCountByName(), top);
          writeTop(g, "memoryInBytesByLabelName", stats.valueBytesByName(), top);
          writeTop(g, "seriesCountByLabelValuePair", stats.pairs, top);
          g.writeEndObject();
        });
  }

  private Stats collect() {
    Stats st = new Stats();
    try (Querier q =
        storage.querier(ApiParams.MIN_TIME, ApiParams.MAX_TIME)) {
      SeriesSet set =
          q.select(false, List.of(LabelMatcher.of(LabelMatcher.Type.REGEX, "__name__", ".+")));
      while (set.next()) {
        st.add(set.at().labels(), set.at().iterator());
      }
    }
    return st;
  }

  private static void writeTop(JsonGenerator g, String field, Map<String, Long> counts, int limit)
      throws IOException {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(
        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    g.writeArrayFieldStart(field);
    for (Map.Entry<String, Long> e : entries.subList(0, Math.min(limit, entries.size()))) {
      g.writeStartObject();
      g.writeStringField("name", e.getKey());
      g.writeNumberField("value", e.getValue());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Counts gathered in one pass. Empty storage reports min > max, as an empty head does. */
  private static final class Stats {
    long numSeries;
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    final Map<String, Long> seriesByMetric = new HashMap<>();
    final Map<String, Long> pairs = new HashMap<>();
    final Map<String, Set<String>> valuesByName = new HashMap<>();

    void add(Labels labels, SampleIterator it) {
      numSeries++;
      seriesByMetric.merge(labels.metricName(), 1L, Long::sum);
      for (Label l : labels) {
        pairs.merge(l.name() + "=" + l.value(), 1L, Long::sum);
        valuesByName.computeIfAbsent(l.name(), k -> new HashSet<>()).add(l.value());
      }
      while (it.next()) {
        minTime = Math.min(minTime, it.timestamp());
        maxTime = Math.max(maxTime, it.timestamp());
      }
    }

    Map<String, Long> valueCountByName() {
      Map<String, Long> m = new HashMap<>();
      valuesByName.forEach((k, v) -> m.put(k, (long) v.size()));
      return m;
    }

    /** Bytes of the distinct values per name, as Prometheus's "memory in bytes" counts them. */
    Map<String, Long> valueBytesByName() {
      Map<String, Long> m = new HashMap<>();
      valuesByName.forEach(
          (k, v) ->
              m.put(
                  k,
                  v.stream()
                      .mapToLong(x -> x.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                      .sum()));
      return m;
    }
  }
}
