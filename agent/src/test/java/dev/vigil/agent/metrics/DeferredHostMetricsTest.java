package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredHostMetricsTest {

  @Test
  void bindsHostMetricsOnTheFirstScrapeAndServesThemInIt() {
    assumeTrue(Files.isReadable(Path.of("/proc/meminfo")), "host metrics read /proc");
    PrometheusMeterRegistry registry = AgentMeterRegistry.create("orders", false);
    try {
      DeferredHostMetrics scrapes = new DeferredHostMetrics(registry);
      assertThat(registry.find("node_memory_MemTotal_bytes").meters()).isEmpty();

      List<String> first = names(scrapes.get());

      assertThat(first).contains("node_memory_MemTotal_bytes", "process_threads");
      assertThat(names(scrapes.get())).containsOnlyOnce("node_memory_MemTotal_bytes");
    } finally {
      registry.close();
    }
  }

  private static List<String> names(MetricSnapshots snapshots) {
    return snapshots.stream().map(s -> s.getMetadata().getPrometheusName()).toList();
  }
}
