package dev.vigil.server.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build is: version (from the Maven build) and the Java runtime, as reported by {@code
 * --version}, {@code /api/v1/status/buildinfo} and {@code vigil_build_info}.
 */
public record BuildInfo(String version, String revision, String branch, String javaVersion) {

  /** Reads the version Maven filtered into {@code build-info.properties}. */
  public static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build-info.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = p.getProperty("version", "unknown");
    if (version.startsWith("${")) {
      version = "unknown"; // Unfiltered resource, e.g. run from an IDE without Maven.
    }
    // We do not stamp git data into the build yet; "unknown" is what Prometheus prints too.
    return new BuildInfo(version, "unknown", "unknown", Runtime.version().toString());
  }

  /** Registers {@code vigil_build_info{version,revision,branch,javaversion} 1}. */
  public void register(TelemetryRegistry registry) {
    registry
        .gauge(
            "vigil_build_info",
            "A metric with a constant '1' value labeled by version, revision, branch and the Java"
                + " version from which Vigil was built.",
            "version",
            "revision",
            "branch",
            "javaversion")
        .labels(version, revision, branch, javaVersion)
        .set(1);
  }
}
