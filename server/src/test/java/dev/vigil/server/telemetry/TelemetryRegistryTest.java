package dev.vigil.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TelemetryRegistryTest {

  private final TelemetryRegistry registry = new TelemetryRegistry();

  @Test
  void writesFamiliesSortedByNameWithHelpTypeAndEscapedLabels() {
    Counter requests = registry.counter("vigil_requests_total", "Requests.\nBy path.", "path");
    Gauge temperature = registry.gauge("vigil_temperature_celsius", "Current temperature.");
    requests.labels("/b").inc();
    requests.labels("/a \"quoted\" \\ back").inc(2.5);
    temperature.set(-12.5);
    registry.gauge("vigil_answer", "Read at exposition time.", () -> 42);

    assertThat(registry.exposition())
        .isEqualTo(
            """
            # HELP vigil_answer Read at exposition time.
            # TYPE vigil_answer gauge
            vigil_answer 42
            # HELP vigil_requests_total Requests.\\nBy path.
            # TYPE vigil_requests_total counter
            vigil_requests_total{path="/a \\"quoted\\" \\\\ back"} 2.5
            vigil_requests_total{path="/b"} 1
            # HELP vigil_temperature_celsius Current temperature.
            # TYPE vigil_temperature_celsius gauge
            vigil_temperature_celsius -12.5
            """);
  }

  @Test
  void exposesUnlabelledMetricsAtZeroBeforeFirstUse() {
    registry.counter("vigil_events_total", "Events.");

    assertThat(registry.exposition()).contains("vigil_events_total 0\n");
  }

  @Test
  void omitsLabelledFamiliesWithoutChildren() {
    registry.counter("vigil_errors_total", "Errors.", "kind");

    assertThat(registry.exposition()).isEmpty();
  }

  @Test
  void writesValuesLikeClientGolang() {
    Gauge g = registry.gauge("vigil_value", "A value.", "case");
    g.labels("big").set(1e6);
    g.labels("nan").set(Double.NaN);
    g.labels("inf").set(Double.POSITIVE_INFINITY);

    assertThat(registry.exposition())
        .contains("vigil_value{case=\"big\"} 1e+06\n")
        .contains("vigil_value{case=\"inf\"} +Inf\n")
        .contains("vigil_value{case=\"nan\"} NaN\n");
  }

  @Test
  void gaugesGoUpAndDown() {
    Gauge.Child g = registry.gauge("vigil_in_flight", "In flight.").labels();
    g.inc();
    g.inc();
    g.dec();
    g.add(0.5);

    assertThat(g.get()).isEqualTo(1.5);
  }

  @Test
  void rejectsNegativeCounterIncrements() {
    Counter c = registry.counter("vigil_things_total", "Things.");

    assertThatThrownBy(() -> c.inc(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsDuplicateNamesInvalidNamesAndWrongLabelCounts() {
    registry.counter("vigil_once_total", "Once.");

    assertThatThrownBy(() -> registry.gauge("vigil_once_total", "Again."))
        .hasMessageContaining("already registered");
    assertThatThrownBy(() -> registry.counter("1bad", "Bad."))
        .hasMessageContaining("invalid metric name");
    assertThatThrownBy(() -> registry.counter("vigil_x_total", "X.", "__reserved"))
        .hasMessageContaining("invalid label name");
    Counter c = registry.counter("vigil_y_total", "Y.", "a", "b");
    assertThatThrownBy(() -> c.labels("only-one")).hasMessageContaining("has labels [a, b]");
  }

  @Test
  void removesChildren() {
    Gauge g = registry.gauge("vigil_targets", "Targets.", "job");
    g.labels("a").set(1);
    g.labels("b").set(2);
    g.remove("a");

    assertThat(registry.exposition())
        .doesNotContain("job=\"a\"")
        .contains("vigil_targets{job=\"b\"} 2");
  }

  @Test
  void buildInfoCarriesTheMavenVersion() {
    BuildInfo info = BuildInfo.load();
    info.register(registry);

    assertThat(info.version()).isNotEqualTo("unknown").doesNotContain("${");
    assertThat(registry.exposition())
        .contains("vigil_build_info{version=\"" + info.version() + "\"");
  }

  @Test
  void writesASummaryAsSumAndCount() {
    TelemetryRegistry r = new TelemetryRegistry();
    double[] sum = {0.25};
    r.summary("x_duration_seconds", "Durations.", () -> sum[0], () -> 3);
    sum[0] = 0.5;

    assertThat(r.exposition())
        .isEqualTo(
            "# HELP x_duration_seconds Durations.\n"
                + "# TYPE x_duration_seconds summary\n"
                + "x_duration_seconds_sum 0.5\n"
                + "x_duration_seconds_count 3\n");
  }
}
