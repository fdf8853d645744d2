package dev.vigil.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.smoke.coverage.DashboardCoverage;
import dev.vigil.smoke.coverage.DashboardCoverage.Panel;
import dev.vigil.smoke.coverage.DashboardCoverage.Report;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Spring Boot demo, with nothing but the starter, serves what the JVM (4701) dashboard and the
 * Node Exporter Full dashboard's variables need on {@code /actuator/prometheus}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootDemoDashboardIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final String JVM_DASHBOARD =
      "reference/dashboards/jvm-micrometer-4701-rev10.queries.tsv";

  private final HttpClient client = HttpClient.newHttpClient();
  private JavaProcess app;
  private String exposition;

  @BeforeAll
  void startTheDemoAndScrapeItOnceItServedRequests() throws Exception {
    int port = Repo.freePort();
    app =
        JavaProcess.start(
            "spring-boot-demo",
            Repo.root().resolve("smoke-tests/target/it-logs/" + getClass().getSimpleName()),
            List.of(
                "-jar",
                Repo.artifact("sample-apps/spring-boot-demo/target/spring-boot-demo.jar")
                    .toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1"));
    URI uri = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
    // The demo's load generator calls its own API: wait until a request has been recorded.
    Instant deadline = Instant.now().plus(DEADLINE);
    while (exposition == null || !exposition.contains("http_server_requests_seconds_count{")) {
      if (!app.isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError("no request metrics from the demo\n" + app.describe());
      }
      Thread.sleep(500);
      exposition = scrape(uri);
    }
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void servesHostMetricsUnderNodeExporterNamesNextToJvmAndHttpMetrics() {
    assertThat(exposition)
        .containsPattern("(?m)^node_uname_info\\{[^}]*nodename=\"[^\"]+\"[^}]*} 1")
        .containsPattern("(?m)^node_cpu_seconds_total\\{[^}]*cpu=\"0\",mode=\"idle\"[^}]*} ")
        .containsPattern(
            "(?m)^jvm_classes_loaded_classes\\{[^}]*application=\"spring-boot-demo\"[^}]*} ")
        .containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"[^\"]+\"")
        .containsPattern("(?m)^process_memory_rss_bytes\\{application=\"spring-boot-demo\"} ")
        .containsPattern("(?m)^tomcat_threads_busy_threads\\{application=\"spring-boot-demo\"");
  }

  @Test
  void fillsEveryPanelOfTheJvmDashboard() throws Exception {
    Path queries = sharedDir().resolve(JVM_DASHBOARD);
    assumeTrue(Files.isReadable(queries), "shared reference data absent: " + queries);

    Report report = DashboardCoverage.report(queries, exposition);

    assertThat(report.drawn()).isEqualTo(27);
    // Panel 119 ("Utilisation") draws Tomcat's and Jetty's thread pools side by side; an app runs
    // one server, so the other's queries stay empty by design. Its Tomcat queries must be filled.
    assertThat(report.panels())
        .filteredOn(p -> p.id().equals("119"))
        .singleElement()
        .satisfies(p -> assertThat(p.missing()).allMatch(m -> m.startsWith("jetty_")));
    assertThat(
            report.panels().stream()
                .filter(p -> !p.covered() && !p.id().equals("119"))
                .map(BootDemoDashboardIT::describe))
        .as("panels and variables the demo cannot fill")
        .isEmpty();
  }

  private static String describe(Panel p) {
    return p.id() + " \"" + p.title() + "\": " + (p.error() != null ? p.error() : p.missing());
  }

  private String scrape(URI uri) throws Exception {
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (java.io.IOException notListeningYet) {
      return null;
    }
  }

  /**
   * {@code ../shared} next to the repository root; {@code VIGIL_SHARED_DIR} overrides it for
   * worktrees that live elsewhere.
   */
  private static Path sharedDir() {
    String override = System.getenv("VIGIL_SHARED_DIR");
    return override != null && !override.isBlank()
        ? Path.of(override)
        : Repo.root().resolveSibling("shared");
  }
}
