package dev.vigil.agent.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.metrics.AgentMeterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct writer against client_java's writers on the same registry: the bytes must be equal,
 * in both formats, for every meter kind the agent registers and through the fallback for the rest.
 */
class MeterExpositionTest {

  private static final String TEXT = "text/plain";
  private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0";

  private final MockClock clock = new MockClock();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);

  @AfterEach
  void close() {
    registry.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {TEXT, OPEN_METRICS})
  void writesTheSameBytesAsClientJavaForEveryMeterKindTheAgentUses(String accept)
      throws IOException {
    registerEveryKind();
    MeterExposition exposition = new MeterExposition(registry);

    assertThat(exposition.writesDirectly()).isTrue();
    assertThat(render(exposition, accept))
        .isEqualTo(reference(accept))
        .contains("orders_placed_total");
  }

  @ParameterizedTest
  @ValueSource(strings = {TEXT, OPEN_METRICS})
  void followsMetersAddedAndRemovedBetweenScrapes(String accept) throws IOException {
    registerEveryKind();
    MeterExposition exposition = new MeterExposition(registry);
    render(exposition, accept);

    Counter late = Counter.builder("late.arrivals").tag("gate", "7").register(registry);
    late.increment(2);
    assertThat(render(exposition, accept))
        .isEqualTo(reference(accept))
        .contains("late_arrivals_total{gate=\"7\"} 2.0");

    registry.remove(late);
    registry.remove(registry.find("payload.size").summary());
    assertThat(exposition.writesDirectly()).isTrue();
    assertThat(render(exposition, accept))
        .isEqualTo(reference(accept))
        .doesNotContain("late_arrivals")
        .doesNotContain("payload_size");
  }

  @ParameterizedTest
  @ValueSource(strings = {TEXT, OPEN_METRICS})
  void rendersTimersWithPercentilesOrBucketsThroughClientJava(String accept) throws IOException {
    registerEveryKind();
    Timer.builder("checkout").publishPercentiles(0.5, 0.99).register(registry).record(
        Duration.ofMillis(30));
    Timer.builder("search").publishPercentileHistogram().register(registry).record(
        Duration.ofMillis(3));
    DistributionSummary.builder("basket.items").serviceLevelObjectives(1, 5).register(registry)
        .record(3);

    assertThat(new MeterExposition(registry).writesDirectly()).isFalse();
    assertThat(direct(accept))
        .isEqualTo(reference(accept))
        .contains("checkout_seconds{quantile=\"0.5\"}")
        .contains("search_seconds_bucket{le=");
  }

  @ParameterizedTest
  @ValueSource(strings = {TEXT, OPEN_METRICS})
  void rendersCustomMetersAndNameClashesThroughClientJava(String accept) throws IOException {
    registerEveryKind();
    Meter.builder(
            "queue.stats",
            Meter.Type.OTHER,
            List.of(
                new Measurement(() -> 4, Statistic.COUNT),
                new Measurement(() -> 2, Statistic.VALUE)))
        .register(registry);
    // Collector "requests_seconds" feeds family requests_seconds_max, and so does this gauge.
    Gauge.builder("requests.seconds.max", () -> 1).tag("kind", "gauge").register(registry);
    Timer.builder("requests")
        .tag("kind", "timer")
        .register(registry)
        .record(Duration.ofSeconds(1));

    assertThat(new MeterExposition(registry).writesDirectly()).isFalse();
    assertThat(direct(accept)).isEqualTo(reference(accept)).contains("queue_stats");
  }

  @ParameterizedTest
  @ValueSource(strings = {TEXT, OPEN_METRICS})
  void laysOutTheAgentRegistryWithJvmProcessAndHostMetricsAsClientJavaDoes(String accept)
      throws IOException {
    PrometheusMeterRegistry agent = AgentMeterRegistry.create("orders", "host-1", true);
    try {
      Timer.builder("http.server.requests").tags("uri", "/a", "status", "200").register(agent)
          .record(Duration.ofMillis(12));
      MeterExposition exposition = new MeterExposition(agent);
      assertThat(exposition.writesDirectly()).isTrue();
      SnapshotExposition clientJava =
          new SnapshotExposition(agent.getPrometheusRegistry()::scrape);

      // Live values (memory, CPU, uptime) move between two scrapes, so values are masked. Series
      // may also appear between two scrapes on a busy host (a GC with a new cause, a new network
      // device), so the direct scrape is compared with client_java's only when client_java's
      // scrapes just before and just after it have the same series.
      String direct = null;
      String reference = null;
      for (int attempt = 0; attempt < 5 && reference == null; attempt++) {
        String before = withoutValues(render(clientJava, accept));
        direct = render(exposition, accept);
        String after = withoutValues(render(clientJava, accept));
        if (before.equals(after)) {
          reference = before;
        }
      }
      assertThat(reference).as("client_java's series kept changing between scrapes").isNotNull();
      assertThat(lineDifference(withoutValues(direct), reference))
          .as("lines only in the direct exposition (+) or only in client_java's (-)")
          .isEmpty();
      assertThat(direct)
          .contains("jvm_memory_used_bytes{application=\"orders\",area=\"heap\"")
          .contains(
              "http_server_requests_seconds_count{application=\"orders\",instance=\"host-1\"");
      for (String line : direct.split("\n")) {
        if (!line.startsWith("#")) {
          String value = line.substring(line.lastIndexOf(' ') + 1);
          assertThat(value).as(line).matches("NaN|[+-]Inf|-?[0-9.]+(E-?[0-9]+)?");
        }
      }
    } finally {
      agent.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {TEXT, OPEN_METRICS})
  void failsLikeClientJavaOnANegativeCounter(String accept) {
    FunctionCounter.builder("refunds", new AtomicLong(-3), AtomicLong::get).register(registry);
    MeterExposition exposition = new MeterExposition(registry);

    assertThatThrownBy(() -> render(exposition, accept))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reference(accept)).isInstanceOf(IllegalArgumentException.class);
  }

  private void registerEveryKind() {
    Counter placed =
        Counter.builder("orders.placed")
            .description("Orders \"placed\" \\ by region\nsecond line")
            .tags("region", "eu-west", "note", "quote\" back\\slash\nnew line", "city", "Zürich ✓")
            .register(registry);
    placed.increment(3);
    Counter.builder("orders.placed")
        .description("Orders \"placed\" \\ by region\nsecond line")
        .tags("region", "ap", "note", "", "city", "Tōkyō")
        .register(registry)
        .increment(12_345_678.5);
    Counter.builder("no.description").register(registry).increment(1e7);
    FunctionCounter.builder("cache.evictions", new AtomicLong(42), AtomicLong::get)
        .description("Evictions")
        .baseUnit("entries")
        .register(registry);
    double[] values = {
      0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-5, 12.5, -3,
      9_999_999, 1e7, -9_999_999.0, 0.001, 0.000999, 1L << 53, Long.MAX_VALUE, Double.MIN_VALUE,
      Double.MAX_VALUE, 123456.789, 1.0 / 3
    };
    for (int i = 0; i < values.length; i++) {
      double value = values[i];
      Gauge.builder("edge.values", () -> value)
          .description("Edge values")
          .tag("case", String.format("%02d", i))
          .register(registry);
    }
    Gauge.builder("build.info", () -> 1).tag("version", "1.2.3").register(registry);
    Gauge.builder("node_uname_info", () -> 1).tag("sysname", "Linux").register(registry);
    TimeGauge.builder("process.uptime", () -> 90_500, TimeUnit.MILLISECONDS).register(registry);
    Gauge.builder("jvm.threads", () -> 17).tags("http.method", "GET", "a_b", "x", "a.c", "y")
        .register(registry);
    Timer requests =
        Timer.builder("http.server.requests")
            .description("Duration of HTTP server request handling")
            .tags("method", "GET", "uri", "/orders/{id}", "status", "200")
            .register(registry);
    requests.record(Duration.ofMillis(12));
    requests.record(Duration.ofNanos(1_234_567));
    Timer.builder("http.server.requests")
        .description("Duration of HTTP server request handling")
        .tags("method", "POST", "uri", "/orders", "status", "500")
        .register(registry);
    DistributionSummary payload =
        DistributionSummary.builder("payload.size").baseUnit("bytes").register(registry);
    payload.record(512);
    payload.record(2048.25);
    LongTaskTimer jobs = LongTaskTimer.builder("jobs.active").register(registry);
    jobs.start();
    clock.add(Duration.ofMillis(1500));
    FunctionTimer.builder(
            "pool.wait",
            new AtomicLong(7),
            AtomicLong::get,
            count -> count.get() * 1.5,
            TimeUnit.MILLISECONDS)
        .register(registry);
  }

  private String direct(String accept) throws IOException {
    return render(new MeterExposition(registry), accept);
  }

  private String reference(String accept) throws IOException {
    return render(new SnapshotExposition(registry.getPrometheusRegistry()::scrape), accept);
  }

  private static String render(ExpositionSource source, String accept) throws IOException {
    ExpositionFormatWriter writer = ExpositionNegotiation.writerFor(accept);
    ExpositionBuffer out = new ExpositionBuffer(16);
    source.render(writer, out);
    return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
  }

  /** Lines only in {@code actual} (prefixed "+") and only in {@code expected} ("-"), in order. */
  private static List<String> lineDifference(String actual, String expected) {
    List<String> actualLines = List.of(actual.split("\n"));
    List<String> expectedLines = List.of(expected.split("\n"));
    List<String> difference = new ArrayList<>();
    for (String line : actualLines) {
      if (!expectedLines.contains(line)) {
        difference.add("+" + line);
      }
    }
    for (String line : expectedLines) {
      if (!actualLines.contains(line)) {
        difference.add("-" + line);
      }
    }
    if (difference.isEmpty() && !actualLines.equals(expectedLines)) {
      difference.add("same lines in a different order");
    }
    return difference;
  }

  private static String withoutValues(String exposition) {
    return exposition.replaceAll("(?m)^([^#].*) \\S+$", "$1 <value>");
  }
}
