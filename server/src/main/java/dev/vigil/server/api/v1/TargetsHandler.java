package dev.vigil.server.api.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.server.format.PromDuration;
import dev.vigil.server.scrape.TargetStatus;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/targets}: the active targets with their health. We have no relabelling, so
 * nothing is ever dropped; {@code state} and {@code scrapePool} filter as in Prometheus.
 */
final class TargetsHandler implements ApiEndpoint {

  /** What Go prints for a zero time, i.e. a target never scraped. */
  private static final String NEVER = "0001-01-01T00:00:00Z";

  private final Supplier<List<TargetStatus>> targets;

  TargetsHandler(Supplier<List<TargetStatus>> targets) {
    this.targets = targets;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    String state = request.param("state");
    if (state == null || state.isEmpty()) {
      state = "any";
    }
    if (!state.equals("any") && !state.equals("active") && !state.equals("dropped")) {
      throw ApiException.invalidParameter("state", "must be one of active, dropped or any");
    }
    boolean active = !state.equals("dropped");
    String pool = request.param("scrapePool");
    List<TargetStatus> all = targets.get();
    return ApiJson.success(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("activeTargets");
          for (TargetStatus t : all) {
            if (active && (pool == null || pool.equals(t.scrapePool()))) {
              writeTarget(g, t);
            }
          }
          g.writeEndArray();
          g.writeArrayFieldStart("droppedTargets");
          g.writeEndArray();
          g.writeObjectFieldStart("droppedTargetCounts");
          for (String job : new TreeSet<>(all.stream().map(TargetStatus::scrapePool).toList())) {
            g.writeNumberField(job, 0);
          }
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  private static void writeTarget(JsonGenerator g, TargetStatus t) throws IOException {
    g.writeStartObject();
    g.writeFieldName("discoveredLabels");
    ApiJson.writeLabels(g, t.discoveredLabels());
    g.writeFieldName("labels");
    ApiJson.writeLabels(g, t.labels());
    g.writeStringField("scrapePool", t.scrapePool());
    g.writeStringField("scrapeUrl", t.scrapeUrl());
    g.writeStringField("globalUrl", t.scrapeUrl());
    g.writeStringField("lastError", t.lastError());
    g.writeStringField("lastScrape", t.lastScrape() == null ? NEVER : t.lastScrape().toString());
    g.writeNumberField("lastScrapeDuration", t.lastScrapeDuration().toNanos() / 1e9);
    g.writeStringField("health", t.health().label());
    g.writeStringField("scrapeInterval", PromDuration.format(t.scrapeInterval()));
    g.writeStringField("scrapeTimeout", PromDuration.format(t.scrapeTimeout()));
    g.writeEndObject();
  }
}
