package dev.vigil.server.api.v1;

import dev.vigil.server.telemetry.BuildInfo;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/**
 * {@code GET /api/v1/status/buildinfo}: Grafana asks this to identify the server. The fields are
 * Prometheus's; {@code goVersion} carries the Java runtime version, being the closest thing.
 *
 * <p>{@code version} is the Prometheus release whose API we follow, with Vigil's own version as
 * semver build metadata ({@code 3.0.0+vigil.0.1.0-SNAPSHOT}): Grafana compares this field against
 * Prometheus versions to decide which API features to use, so Vigil's own numbering would make it
 * fall back to pre-2.x behaviour. Semver ignores build metadata in comparisons.
 */
final class BuildInfoHandler implements ApiEndpoint {

  /** The Prometheus API level we serve (UTF-8 names, {@code limit}, Prometheus 3 shapes). */
  static final String PROMETHEUS_COMPATIBLE_VERSION = "3.0.0";

  private final BuildInfo build;

  BuildInfoHandler(BuildInfo build) {
    this.build = build;
  }

  @Override
  public WebResponse serve(WebRequest request) {
    return ApiJson.success(
        g -> {
          g.writeStartObject();
          g.writeStringField("version", version(build));
          g.writeStringField("revision", build.revision());
          g.writeStringField("branch", build.branch());
          g.writeStringField("buildUser", "unknown");
          g.writeStringField("buildDate", "unknown");
          g.writeStringField("goVersion", "java" + build.javaVersion());
          g.writeEndObject();
        });
  }

  /** {@code 3.0.0+vigil.<our version>}, with characters semver forbids in metadata as '-'. */
  static String version(BuildInfo build) {
    return PROMETHEUS_COMPATIBLE_VERSION
        + "+vigil."
        + build.version().replaceAll("[^0-9A-Za-z.-]", "-");
  }
}
