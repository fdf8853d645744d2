package dev.vigil.server.api.v1;

import dev.vigil.server.telemetry.BuildInfo;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/**
 * {@code GET /api/v1/status/buildinfo}: Grafana asks this to identify the server. The fields are
 * Prometheus's; {@code goVersion} carries the Java runtime version, being the closest thing.
 */
final class BuildInfoHandler implements ApiEndpoint {

  private final BuildInfo build;

  BuildInfoHandler(BuildInfo build) {
    this.build = build;
  }

  @Override
  public WebResponse serve(WebRequest request) {
    return ApiJson.success(
        g -> {
          g.writeStartObject();
          g.writeStringField("version", build.version());
          g.writeStringField("revision", build.revision());
          g.writeStringField("branch", build.branch());
          g.writeStringField("buildUser", "unknown");
          g.writeStringField("buildDate", "unknown");
          g.writeStringField("goVersion", "java" + build.javaVersion());
          g.writeEndObject();
        });
  }
}
