package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The binder on this machine's real /proc and /sys. */
@EnabledOnOs(OS.LINUX)
class HostMetricsLiveTest {

  @Test
  void exposesTheKeySeriesOfNodeExporterFull() {
    PrometheusMeterRegistry registry = HostFixture.registry();
    try (HostMetrics host = new HostMetrics()) {
      host.bindTo(registry);
      List<String> lines = HostFixture.lines(registry);

      String hostname =
          HostFixture.read(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
      assertThat(lines)
          .anyMatch(l -> l.startsWith("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} "))
          .anyMatch(l -> l.startsWith("node_memory_MemTotal_bytes "))
          .anyMatch(l -> l.startsWith("node_memory_MemAvailable_bytes "))
          .anyMatch(l -> l.startsWith("node_load1 "))
          .anyMatch(l -> l.startsWith("node_boot_time_seconds "))
          .anyMatch(l -> l.startsWith("node_context_switches_total "))
          .anyMatch(l -> l.startsWith("node_network_receive_bytes_total{device=\"lo\"} "))
          .anyMatch(l -> l.startsWith("node_disk_reads_completed_total{device="))
          .anyMatch(l -> l.matches("node_filesystem_size_bytes\\{.*mountpoint=\"/\"} [0-9.E]+"))
          .anyMatch(
              l -> l.startsWith("node_uname_info{") && l.contains("nodename=\"" + hostname + "\""));
      // /proc/sys files must be read in one go: a split read returns "2" of "256".
      assertThat(value(lines, "node_entropy_pool_size_bits")).isGreaterThanOrEqualTo(256);
      assertThat(value(lines, "node_filefd_maximum"))
          .isGreaterThan(value(lines, "node_filefd_allocated"));
      assertThat(lines)
          .filteredOn(l -> l.startsWith("node_scrape_collector_success"))
          .allMatch(l -> l.endsWith(" 1.0"));
    }
  }

  private static double value(List<String> lines, String name) {
    return lines.stream()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not exposed"));
  }
}
