package dev.vigil.server.api.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.server.scrape.MetricMetadata;
import dev.vigil.server.scrape.TargetMetadata;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/metadata}: per metric family, the distinct (type, help, unit) the targets
 * reported, merged across targets. Families come out sorted by name, where Prometheus's order is
 * Go map order (random); {@code limit} therefore keeps the first names alphabetically.
 */
final class MetadataHandler implements ApiEndpoint {

  private final Supplier<List<TargetMetadata>> targets;

  MetadataHandler(Supplier<List<TargetMetadata>> targets) {
    this.targets = targets;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    int limit = intParam(request, "limit");
    int limitPerMetric = intParam(request, "limit_per_metric");
    String metric = request.param("metric");
    Map<String, Set<MetricMetadata>> byName = new TreeMap<>();
    for (TargetMetadata t : targets.get()) {
      for (Map.Entry<String, MetricMetadata> e : t.families().entrySet()) {
        if (metric != null && !metric.isEmpty() && !metric.equals(e.getKey())) {
          continue;
        }
        Set<MetricMetadata> set = byName.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>());
        if (limitPerMetric > 0 && set.size() >= limitPerMetric) {
          continue;
        }
        set.add(e.getValue());
      }
    }
    return ApiJson.success(
        g -> {
          g.writeStartObject();
          int n = 0;
          for (Map.Entry<String, Set<MetricMetadata>> e : byName.entrySet()) {
            if (limit >= 0 && n >= limit) {
              break;
            }
            n++;
            g.writeArrayFieldStart(e.getKey());
            for (MetricMetadata m : e.getValue()) {
              g.writeStartObject();
              writeFields(g, m);
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        });
  }

  /** {@code type}, {@code help}, {@code unit}; a family with HELP only is {@code unknown}. */
  static void writeFields(JsonGenerator g, MetricMetadata m) throws IOException {
    g.writeStringField("type", m.type().isEmpty() ? "unknown" : m.type());
    g.writeStringField("help", m.help());
    // The parser does not keep # UNIT yet, so unit is always empty.
    g.writeStringField("unit", "");
  }

  /** An optional integer; absent means -1 (no limit). Prometheus's wording on bad input. */
  static int intParam(WebRequest request, String name) throws ApiException {
    String s = request.param(name);
    if (s == null || s.isEmpty()) {
      return -1;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new ApiException(ApiErrorType.BAD_DATA, name + " must be a number");
    }
  }

  /** All families, in name order, for callers listing them. */
  static List<String> names(Map<String, MetricMetadata> families) {
    return new ArrayList<>(new TreeMap<>(families).keySet());
  }
}
