package dev.vigil.server.scrape;

import static dev.vigil.server.testing.StorageContents.series;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.config.Config;
import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.memory.MemoryStorage;
import dev.vigil.server.telemetry.TelemetryRegistry;
import dev.vigil.server.testing.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scrapes real HTTP targets on loopback and checks what lands in the store. */
class ScrapeManagerTest {

  private static final long T0 = 1_700_000_000_000L;

  private final TelemetryRegistry registry = new TelemetryRegistry();
  private final MemoryStorage storage = new MemoryStorage(registry);
  private final MutableClock clock = new MutableClock(T0);
  private final ScrapeManager manager = ScrapeManager.manual(storage, registry, clock);
  private final TestTarget target;
  private final CountDownLatch release = new CountDownLatch(1);

  ScrapeManagerTest() throws IOException {
    target = new TestTarget();
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    manager.close();
    target.close();
    storage.close();
  }

  private String instance() {
    return target.address();
  }

  /** The label set Labels.toString() prints for a series of the app job. */
  private String app(String name, String... extra) {
    StringBuilder sb = new StringBuilder("{__name__=\"").append(name).append('"');
    for (int i = 0; i < extra.length; i += 2) {
      sb.append(", ").append(extra[i]).append("=\"").append(extra[i + 1]).append('"');
    }
    return sb.append(", instance=\"").append(instance()).append("\", job=\"app\"}").toString();
  }

  private static Config config(String yaml) throws Exception {
    return new ConfigLoader(n -> null).parse(yaml, "test.yml");
  }

  private Config appJob(String extraSettings) throws Exception {
    return config(
        """
        scrape_configs:
          - job_name: app
        %s
            static_configs:
              - targets: ["%s"]
        """
            .formatted(extraSettings.indent(4).stripTrailing(), target.address()));
  }

  private void scrape() throws Exception {
    manager.scrapeNow().get(30, TimeUnit.SECONDS);
  }

  private TargetStatus onlyTarget() {
    List<TargetStatus> targets = manager.targets();
    assertThat(targets).hasSize(1);
    return targets.get(0);
  }

  @Test
  void scrapesATargetAddingJobInstanceAndTheSyntheticSeries() throws Exception {
    target.serve("# TYPE http_requests_total counter\nhttp_requests_total{code=\"200\"} 5\n");
    manager.apply(appJob(""));

    scrape();

    assertThat(series(storage, "http_requests_total"))
        .containsExactly(
            Map.entry(app("http_requests_total", "code", "200"), List.of(T0 + "=5.0")));
    assertThat(series(storage, "up")).containsExactly(Map.entry(app("up"), List.of(T0 + "=1.0")));
    assertThat(series(storage, "scrape_samples_scraped")).containsValue(List.of(T0 + "=1.0"));
    assertThat(series(storage, "scrape_samples_post_metric_relabeling"))
        .containsValue(List.of(T0 + "=1.0"));
    assertThat(series(storage, "scrape_series_added")).containsValue(List.of(T0 + "=1.0"));
    assertThat(series(storage, "scrape_duration_seconds"))
        .containsKey(app("scrape_duration_seconds"));

    TargetStatus status = onlyTarget();
    assertThat(status.health()).isEqualTo(TargetHealth.UP);
    assertThat(status.lastError()).isEmpty();
    assertThat(status.lastScrape()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(status.scrapeUrl()).isEqualTo("http://" + instance() + "/metrics");
    assertThat(status.scrapePool()).isEqualTo("app");
    assertThat(registry.exposition())
        .contains("vigil_scrape_attempts_total{job=\"app\"} 1\n")
        .contains("vigil_scrape_targets{job=\"app\"} 1\n")
        .contains("vigil_scrape_pools 1\n");
  }

  @Test
  void sendsPrometheusScrapeHeaders() throws Exception {
    target.serve("a 1\n");
    manager.apply(appJob("scrape_interval: 30s\nscrape_timeout: 2500ms"));

    scrape();

    assertThat(target.lastHeaders().getFirst("Accept")).isEqualTo(ExpositionFormat.ACCEPT_HEADER);
    assertThat(target.lastHeaders().getFirst("Accept-Encoding")).isEqualTo("gzip");
    assertThat(target.lastHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds"))
        .isEqualTo("2.5");
    assertThat(target.lastHeaders().getFirst("User-Agent")).startsWith("Vigil/");
  }

  @Test
  void requestsTheConfiguredPathAndParameters() throws Exception {
    target.serve("a 1\n");
    manager.apply(
        appJob("metrics_path: /probe\nparams:\n  module: [http_2xx]\n  target: [\"a b\"]"));

    scrape();

    assertThat(target.lastUri()).isEqualTo("/probe?module=http_2xx&target=a+b");
    assertThat(onlyTarget().discoveredLabels().get("__param_module")).isEqualTo("http_2xx");
  }

  @Test
  void writesStaleMarkersForSeriesThatDisappear() throws Exception {
    target.serve("a 1\nb 2\n");
    manager.apply(appJob(""));
    scrape();
    clock.advance(Duration.ofSeconds(15));
    target.serve("a 3\n");

    scrape();

    long t1 = T0 + 15_000;
    assertThat(series(storage, "a")).containsValue(List.of(T0 + "=1.0", t1 + "=3.0"));
    assertThat(series(storage, "b")).containsValue(List.of(T0 + "=2.0", t1 + "=stale"));
    assertThat(series(storage, "scrape_series_added"))
        .containsValue(List.of(T0 + "=2.0", t1 + "=0.0"));
  }

  @Test
  void aBodyOverTheLimitMarksTheTargetDownWithPrometheusMessage() throws Exception {
    target.serve("a 1\n# padding: " + "x".repeat(2000) + "\n");
    manager.apply(appJob("body_size_limit: 1KB"));

    scrape();

    assertThat(series(storage, "up")).containsValue(List.of(T0 + "=0.0"));
    assertThat(series(storage, "a")).isEmpty();
    TargetStatus status = onlyTarget();
    assertThat(status.health()).isEqualTo(TargetHealth.DOWN);
    assertThat(status.lastError()).isEqualTo("body size limit exceeded");
  }

  @Test
  void sendsTheJobsCredentialsAndANewConfigSendsTheNewOnes() throws Exception {
    target.serve("a 1\n");
    manager.apply(appJob("authorization:\n  credentials: first"));
    scrape();
    assertThat(target.lastHeaders().getFirst("Authorization")).isEqualTo("Bearer first");

    clock.advance(Duration.ofSeconds(15));
    manager.apply(appJob("basic_auth:\n  username: u\n  password: p"));
    scrape();

    assertThat(target.lastHeaders().getFirst("Authorization")).isEqualTo("Basic dTpw");
  }

  @Test
  void aFailingScrapeSetsUpToZeroAndMakesEverySeriesStale() throws Exception {
    target.serve("a 1\n");
    manager.apply(appJob(""));
    scrape();
    clock.advance(Duration.ofSeconds(15));
    target.serve(new TestTarget.Reply(500, "text/plain", "boom", false, null));

    scrape();

    long t1 = T0 + 15_000;
    assertThat(series(storage, "up")).containsValue(List.of(T0 + "=1.0", t1 + "=0.0"));
    assertThat(series(storage, "a")).containsValue(List.of(T0 + "=1.0", t1 + "=stale"));
    assertThat(series(storage, "scrape_samples_scraped"))
        .containsValue(List.of(T0 + "=1.0", t1 + "=0.0"));
    TargetStatus status = onlyTarget();
    assertThat(status.health()).isEqualTo(TargetHealth.DOWN);
    assertThat(status.lastError()).isEqualTo("server returned HTTP status 500");
    assertThat(registry.exposition()).contains("vigil_scrape_failures_total{job=\"app\"} 1");
  }

  @Test
  void aTargetThatGoesAwayIsDownAndItsSeriesGoStale() throws Exception {
    target.serve("a 1\n");
    manager.apply(appJob(""));
    scrape();
    clock.advance(Duration.ofSeconds(15));
    target.close();

    scrape();

    long t1 = T0 + 15_000;
    assertThat(series(storage, "up")).containsValue(List.of(T0 + "=1.0", t1 + "=0.0"));
    assertThat(series(storage, "a")).containsValue(List.of(T0 + "=1.0", t1 + "=stale"));
    assertThat(onlyTarget().health()).isEqualTo(TargetHealth.DOWN);
  }

  @Test
  void aBodyThatDoesNotParseFailsTheWholeScrape() throws Exception {
    target.serve("good 1\nbad{ 2\n");
    manager.apply(appJob(""));

    scrape();

    assertThat(series(storage, "up")).containsValue(List.of(T0 + "=0.0"));
    assertThat(series(storage, "good")).isEmpty();
    assertThat(onlyTarget().lastError())
        .isEqualTo("line 2, column 6: expected label name or \"}\", got \"2\"");
  }

  @Test
  void reportsAnUnreachableTargetAsDown() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    manager.apply(
        config(
            """
            scrape_configs:
              - job_name: gone
                static_configs:
                  - targets: ["127.0.0.1:%d"]
            """
                .formatted(closedPort)));

    scrape();

    TargetStatus status = onlyTarget();
    assertThat(status.health()).isEqualTo(TargetHealth.DOWN);
    assertThat(status.lastError())
        .startsWith("Get \"http://127.0.0.1:" + closedPort + "/metrics\": ");
    assertThat(series(storage, "up")).containsValue(List.of(T0 + "=0.0"));
  }

  @Test
  void givesUpAfterTheScrapeTimeout() throws Exception {
    target.serve(new TestTarget.Reply(200, "text/plain", "a 1\n", false, release));
    manager.apply(appJob("scrape_interval: 1s\nscrape_timeout: 200ms"));

    scrape();

    TargetStatus status = onlyTarget();
    assertThat(status.health()).isEqualTo(TargetHealth.DOWN);
    assertThat(status.lastError())
        .isEqualTo("Get \"http://" + instance() + "/metrics\": scrape timed out after 200ms");
    assertThat(series(storage, "up")).containsValue(List.of(T0 + "=0.0"));
  }

  @Test
  void decodesGzippedResponses() throws Exception {
    target.serve(new TestTarget.Reply(200, "text/plain; version=0.0.4", "zipped 42\n", true, null));
    manager.apply(appJob(""));

    scrape();

    assertThat(series(storage, "zipped")).containsValue(List.of(T0 + "=42.0"));
  }

  @Test
  void parsesOpenMetricsResponses() throws Exception {
    target.serve(
        new TestTarget.Reply(
            200,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
            "# TYPE c counter\nc_total 7 # {trace_id=\"x\"} 1\n# EOF\n",
            false,
            null));
    manager.apply(appJob(""));

    scrape();

    assertThat(series(storage, "c_total")).containsValue(List.of(T0 + "=7.0"));
  }

  @Test
  void movesClashingExposedLabelsAsideUnlessLabelsAreHonored() throws Exception {
    target.serve("m{job=\"exposed\",exported_job=\"older\",instance=\"i\"} 1\n");
    manager.apply(appJob(""));

    scrape();

    assertThat(series(storage, "m"))
        .containsOnlyKeys(
            "{__name__=\"m\", exported_exported_job=\"exposed\", exported_instance=\"i\","
                + " exported_job=\"older\", instance=\""
                + instance()
                + "\", job=\"app\"}");
  }

  @Test
  void keepsExposedLabelsWhenHonorLabelsIsSet() throws Exception {
    target.serve("m{job=\"exposed\"} 1\n");
    manager.apply(appJob("honor_labels: true"));

    scrape();

    assertThat(series(storage, "m"))
        .containsOnlyKeys("{__name__=\"m\", instance=\"" + instance() + "\", job=\"exposed\"}");
  }

  @Test
  void usesExposedTimestampsOnlyWhenHonored() throws Exception {
    target.serve("with_ts 1 1600000000000\n");
    manager.apply(appJob(""));
    scrape();
    assertThat(series(storage, "with_ts")).containsValue(List.of("1600000000000=1.0"));

    manager.apply(appJob("honor_timestamps: false"));
    clock.advance(Duration.ofSeconds(15));
    scrape();

    assertThat(series(storage, "with_ts"))
        .containsValue(List.of("1600000000000=1.0", (T0 + 15_000) + "=1.0"));
  }

  @Test
  void storesScrapesWithinTheTimestampToleranceAtExactIntervalMultiples() throws Exception {
    target.serve("g 1\n");
    manager.apply(appJob("scrape_interval: 15s"));
    scrape();
    clock.advance(Duration.ofMillis(15_002)); // 2 ms late: within the default tolerance
    scrape();
    clock.advance(Duration.ofMillis(14_997)); // 1 ms early
    scrape();

    assertThat(series(storage, "g"))
        .containsValue(List.of(T0 + "=1.0", (T0 + 15_000) + "=1.0", (T0 + 30_000) + "=1.0"));
    assertThat(onlyTarget().lastScrape()).isEqualTo(Instant.ofEpochMilli(T0 + 30_000));
  }

  @Test
  void storesScrapesOutsideTheToleranceAtTheClocksTime() throws Exception {
    target.serve("g 1\n");
    manager.apply(appJob("scrape_interval: 15s"));
    scrape();
    clock.advance(Duration.ofMillis(15_003));
    scrape();

    assertThat(series(storage, "g")).containsValue(List.of(T0 + "=1.0", (T0 + 15_003) + "=1.0"));
  }

  @Test
  void aZeroTimestampToleranceKeepsTheClocksTime() throws Exception {
    try (ScrapeManager exact =
        ScrapeManager.manual(storage, new TelemetryRegistry(), clock, Duration.ZERO)) {
      target.serve("g 1\n");
      exact.apply(appJob("scrape_interval: 15s"));
      exact.scrapeNow().get(30, TimeUnit.SECONDS);
      clock.advance(Duration.ofMillis(15_001));
      exact.scrapeNow().get(30, TimeUnit.SECONDS);
    }

    assertThat(series(storage, "g")).containsValue(List.of(T0 + "=1.0", (T0 + 15_001) + "=1.0"));
  }

  @Test
  void countsSamplesTheStoreRejects() throws Exception {
    target.serve("dup 1\ndup 2\n");
    manager.apply(appJob(""));

    scrape();

    assertThat(series(storage, "dup")).containsValue(List.of(T0 + "=1.0"));
    assertThat(registry.exposition())
        .contains("vigil_scrape_samples_rejected_total{reason=\"duplicate_timestamp\"} 1");
  }

  @Test
  void removingAJobMakesAllItsSeriesStale() throws Exception {
    target.serve("a 1\n");
    manager.apply(appJob(""));
    scrape();
    clock.advance(Duration.ofSeconds(5));

    manager.apply(Config.empty());

    long t1 = T0 + 5_000;
    assertThat(series(storage, "a")).containsValue(List.of(T0 + "=1.0", t1 + "=stale"));
    assertThat(series(storage, "up")).containsValue(List.of(T0 + "=1.0", t1 + "=stale"));
    assertThat(series(storage, "scrape_duration_seconds").values())
        .allSatisfy(samples -> assertThat(samples).last().asString().endsWith("=stale"));
    assertThat(manager.targets()).isEmpty();
  }

  @Test
  void removingATargetFromAJobMakesOnlyItsSeriesStale() throws Exception {
    try (TestTarget second = new TestTarget()) {
      target.serve("a 1\n");
      second.serve("a 2\n");
      String both =
          """
          scrape_configs:
            - job_name: app
              static_configs:
                - targets: ["%s", "%s"]
          """;
      manager.apply(config(both.formatted(target.address(), second.address())));
      scrape();
      clock.advance(Duration.ofSeconds(5));

      manager.apply(appJob(""));

      long t1 = T0 + 5_000;
      assertThat(series(storage, "a"))
          .containsEntry(app("a"), List.of(T0 + "=1.0"))
          .containsEntry(
              "{__name__=\"a\", instance=\"" + second.address() + "\", job=\"app\"}",
              List.of(T0 + "=2.0", t1 + "=stale"));
      assertThat(manager.targets())
          .extracting(t -> t.labels().get("instance"))
          .containsExactly(instance());
    }
  }

  @Test
  void keepsTrackingSeriesAcrossAReloadThatChangesSettings() throws Exception {
    target.serve("a 1\nb 1\n");
    manager.apply(appJob("scrape_interval: 1m"));
    scrape();

    manager.apply(appJob("scrape_interval: 30s"));
    clock.advance(Duration.ofSeconds(30));
    target.serve("a 2\n");
    scrape();

    assertThat(series(storage, "b")).containsValue(List.of(T0 + "=1.0", (T0 + 30_000) + "=stale"));
    assertThat(onlyTarget().scrapeInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void reportsTargetsNotYetScrapedAsUnknown() throws Exception {
    manager.apply(appJob(""));

    TargetStatus status = onlyTarget();

    assertThat(status.health()).isEqualTo(TargetHealth.UNKNOWN);
    assertThat(status.lastScrape()).isNull();
    assertThat((Object) status.labels()).isEqualTo(Labels.of("instance", instance(), "job", "app"));
  }
}
