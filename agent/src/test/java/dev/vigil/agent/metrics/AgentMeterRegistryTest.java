package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
