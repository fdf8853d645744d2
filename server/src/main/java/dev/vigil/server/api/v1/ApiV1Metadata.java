package dev.vigil.server.api.v1;

import dev.vigil.server.scrape.TargetMetadata;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.web.WebEndpoint;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Prometheus API routes besides queries and targets: label and series discovery, metadata,
 * query formatting, status pages, empty rules/alerts/exemplars, and {@code /-/reload}. Paths may
 * hold {@code :name} segments (see {@code WebServer#route}).
 */
public final class ApiV1Metadata {

  private ApiV1Metadata() {}

  /** The routes, by path pattern. */
  public static Map<String, WebEndpoint> routes(
      Storage storage,
      Supplier<List<TargetMetadata>> metadata,
      ServerState state,
      Clock clock) {
    Map<String, WebEndpoint> r = new LinkedHashMap<>();
    r.put("/api/v1/labels", new LabelNamesHandler(storage));
    r.put(LabelValuesHandler.PATTERN, new LabelValuesHandler(storage));
    r.put("/api/v1/series", new SeriesHandler(storage));
    r.put("/api/v1/metadata", new MetadataHandler(metadata));
    r.put("/api/v1/targets/metadata", new TargetMetadataHandler(metadata));
    r.put("/api/v1/format_query", new FormatQueryHandler());
    r.put("/api/v1/parse_query", new ParseQueryHandler());
    r.put("/api/v1/query_exemplars", new ExemplarsHandler());
    r.put("/api/v1/status/config", StatusHandlers.config(state));
    r.put("/api/v1/status/flags", StatusHandlers.flags(state));
    r.put("/api/v1/status/runtimeinfo", StatusHandlers.runtimeInfo(state, clock));
    r.put("/api/v1/status/tsdb", new TsdbStatusHandler(storage));
    // No rule engine yet: the right shapes with nothing in them, which Grafana accepts.
    r.put("/api/v1/rules", new FixedDataHandler(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("groups");
      g.writeEndArray();
      g.writeEndObject();
    }, false));
    r.put("/api/v1/alerts", new FixedDataHandler(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("alerts");
      g.writeEndArray();
      g.writeEndObject();
    }, false));
    r.put("/-/reload", new ReloadHandler(state));
    return r;
  }
}
