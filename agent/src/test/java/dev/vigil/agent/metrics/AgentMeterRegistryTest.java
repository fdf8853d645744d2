package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AgentMeterRegistryTest {

  private static final boolean LINUX = Files.isReadable(Path.of("/proc/self/status"));

  @Test
  void exposesHostMetricsUnderNodeExporterNamesLabelledWithTheApplication() {
    assumeTrue(LINUX, "host and process metrics read /proc");
    PrometheusMeterRegistry registry = AgentMeterRegistry.create("orders", true);
    try {
      assertThat(registry.scrape())
          .containsPattern(
              "(?m)^node_cpu_seconds_total\\{application=\"orders\",cpu=\"0\",mode=\"idle\"} ")
          .containsPattern("(?m)^node_memory_MemTotal_bytes\\{application=\"orders\"} ")
          .containsPattern("(?m)^node_uname_info\\{.*nodename=\"[^\"]+\".*} 1")
          .containsPattern("(?m)^process_memory_rss_bytes\\{application=\"orders\"} ")
          .containsPattern("(?m)^process_threads\\{application=\"orders\"} ");
    } finally {
      registry.close();
    }
  }

  @Test
  void leavesHostMetricsOutWhenSwitchedOffButKeepsProcessMetrics() {
    assumeTrue(LINUX, "process metrics read /proc");
    PrometheusMeterRegistry registry = AgentMeterRegistry.create("orders", false);
    try {
      String scrape = registry.scrape();
      assertThat(scrape).doesNotContainPattern("(?m)^node_");
      assertThat(scrape).containsPattern("(?m)^process_threads\\{application=\"orders\"} ");
    } finally {
      registry.close();
    }
  }

  @Test
  void theFirstScrapeOfTheStartupRegistryHasTheSeriesOfOneBoundAtOnce() {
    assumeTrue(LINUX, "process and host metrics read /proc");
    PrometheusMeterRegistry eager = AgentMeterRegistry.create("orders", "host-1", false);
    PrometheusMeterRegistry deferred = AgentMeterRegistry.createForStartup("orders", "host-1");
    try {
      // Before the first scrape, only the GC listeners' meters exist.
      assertThat(deferred.getMeters()).isNotEmpty().hasSizeLessThan(eager.getMeters().size());

      MetricSnapshots first =
          new ScrapeTimeBinders(deferred, AgentMeterRegistry.scrapeTimeBinders(false)).get();

      assertThat(withoutGcEvents(series(first)))
          .isEqualTo(withoutGcEvents(series(eager.getPrometheusRegistry().scrape())));
    } finally {
      eager.close();
      deferred.close();
    }
  }

  @Test
  void hostMetricsAreAScrapeTimeBinderOnlyWhenSwitchedOn() {
    assumeTrue(LINUX, "host metrics read /proc");
    PrometheusMeterRegistry registry = AgentMeterRegistry.createForStartup("orders", null);
    try {
      MetricSnapshots withoutHost =
          new ScrapeTimeBinders(registry, AgentMeterRegistry.scrapeTimeBinders(false)).get();
      assertThat(series(withoutHost)).noneMatch(series -> series.startsWith("node_"));

      MetricSnapshots withHost =
          new ScrapeTimeBinders(registry, List.of(AgentMeterRegistry::bindHostMetrics)).get();
      assertThat(series(withHost)).anyMatch(series -> series.startsWith("node_cpu_seconds{"));
    } finally {
      registry.close();
    }
  }

  /**
   * Timers of GC events appear with the first collection of each kind a registry's listener saw,
   * and a collection may fall between the creation of the two registries compared.
   */
  private static Set<String> withoutGcEvents(Set<String> series) {
    Set<String> rest = new TreeSet<>(series);
    rest.removeIf(s -> s.startsWith("jvm_gc_pause") || s.startsWith("jvm_gc_concurrent_phase"));
    return rest;
  }

  /** Name and labels of every series, without values. */
  private static Set<String> series(MetricSnapshots snapshots) {
    Set<String> series = new TreeSet<>();
    for (MetricSnapshot snapshot : snapshots) {
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        series.add(snapshot.getMetadata().getPrometheusName() + point.getLabels());
      }
    }
    return series;
  }
}
