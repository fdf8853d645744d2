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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Spring Boot demo, with nothing but the starter, serves what the JVM (4701) dashboard and the
 * Node Exporter Full dashboard need on {@code /actuator/prometheus}: every 4701 panel but the
 * Tomcat-and-Jetty one, and every 1860 panel a real node_exporter fills on the same host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootDemoDashboardIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final String JVM_DASHBOARD =
      "reference/dashboards/jvm-micrometer-4701-rev10.queries.tsv";

  private static final String NODE_DASHBOARD =
      "reference/dashboards/node-exporter-full.queries.tsv";
  /** Where shared/tools/install-anchors.sh installs node_exporter 1.11. */
  private static final String DEFAULT_NODE_EXPORTER =
      "/opt/anchors/root/usr/bin/prometheus-node-exporter";

  private static final Set<String> SYSCALL_AND_EXPORTER_PANELS =
      Set.of(
          "260", "291", "168", "333", "334", "335", "41", "219", "308", "149", "64", "157", "313",
          "314", "315", "320", "340", "341");

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

  @Test
  void fillsTheNodeExporterFullPanelsThatNeedSystemCallsOrExporterMetrics() throws Exception {
    Path queries = sharedDir().resolve(NODE_DASHBOARD);
    assumeTrue(Files.isReadable(queries), "shared reference data absent: " + queries);
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "host metrics need Linux");

    Report report = DashboardCoverage.report(queries, exposition);

    // adjtimex (timex: 260 291 168 333 334 335), statvfs inodes (41 219), the exporter's own
    // process metrics (308 149 64) and the textfile flag (157): what needs more than /proc; and
    // the processes (313 314 315) and tcpstat (320 340 341) collectors the demo switches on.
    assertThat(
            report.panels().stream()
                .filter(p -> SYSCALL_AND_EXPORTER_PANELS.contains(p.id()) && !p.covered())
                .map(BootDemoDashboardIT::describe))
        .isEmpty();
    assertThat(report.panels())
        .extracting(Panel::id)
        .containsAll(SYSCALL_AND_EXPORTER_PANELS);
  }

  @Test
  void fillsEveryNodeExporterFullPanelThatARealNodeExporterFillsOnThisHost() throws Exception {
    Path queries = sharedDir().resolve(NODE_DASHBOARD);
    assumeTrue(Files.isReadable(queries), "shared reference data absent: " + queries);
    String binary = System.getenv().getOrDefault("NODE_EXPORTER", DEFAULT_NODE_EXPORTER);
    assumeTrue(
        Files.isExecutable(Path.of(binary)),
        "no node_exporter at " + binary + " (shared/tools/install-anchors.sh installs one)");

    String nodeExposition = scrapeNodeExporter(binary);
    Set<String> ours = coveredPanels(DashboardCoverage.report(queries, exposition));
    Set<String> theirs = coveredPanels(DashboardCoverage.report(queries, nodeExposition));

    assertThat(ours).as("panels node_exporter fills and the demo does not").containsAll(theirs);
  }

  private static Set<String> coveredPanels(Report report) {
    return report.panels().stream()
        .filter(p -> !p.variable() && p.covered())
        .map(Panel::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Runs node_exporter with its default collectors on a loopback port and scrapes it once. */
  private String scrapeNodeExporter(String binary) throws Exception {
    int port = Repo.freePort();
    Path log = Repo.root().resolve("smoke-tests/target/it-logs/node_exporter.log");
    Files.createDirectories(log.getParent());
    Process exporter =
        new ProcessBuilder(binary, "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
      Instant deadline = Instant.now().plus(DEADLINE);
      String body = scrape(uri);
      while (body == null) {
        if (!exporter.isAlive() || Instant.now().isAfter(deadline)) {
          throw new AssertionError("node_exporter did not serve /metrics; see " + log);
        }
        Thread.sleep(200);
        body = scrape(uri);
      }
      return body;
    } finally {
      exporter.destroy();
      exporter.waitFor();
    }
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
