package dev.vigil.server.api.v1;

import dev.vigil.server.promql.engine.Engine;
import dev.vigil.server.promql.engine.EngineOptions;
import dev.vigil.server.scrape.TargetStatus;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.telemetry.BuildInfo;
import dev.vigil.server.web.WebEndpoint;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The Prometheus HTTP API routes we serve, by path, ready to mount on the web server. */
public final class ApiV1 {

  private ApiV1() {}

  /**
   * The routes under {@code /api/v1}.
   *
   * @param targets the scrape targets' current state
   */
  public static Map<String, WebEndpoint> routes(
      Storage storage, Supplier<List<TargetStatus>> targets, BuildInfo build, Clock clock) {
    return routes(new Engine(storage, EngineOptions.DEFAULTS), targets, build, clock);
  }

  /**
   * The routes under {@code /api/v1}, answering queries with {@code engine} (which carries the
   * server's query flags).
   *
   * @param targets the scrape targets' current state
   */
  public static Map<String, WebEndpoint> routes(
      Engine engine, Supplier<List<TargetStatus>> targets, BuildInfo build, Clock clock) {
    Map<String, WebEndpoint> routes = new LinkedHashMap<>();
    routes.put("/api/v1/query", new QueryHandler(engine, clock));
    routes.put("/api/v1/query_range", new QueryRangeHandler(engine));
    routes.put("/api/v1/targets", new TargetsHandler(targets));
    routes.put("/api/v1/status/buildinfo", new BuildInfoHandler(build));
    return routes;
  }
}
