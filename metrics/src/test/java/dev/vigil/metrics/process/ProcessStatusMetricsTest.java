package dev.vigil.metrics.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessStatusMetricsTest {

  @TempDir Path dir;

  @Test
  void bindsMemoryAndThreadGaugesFromTheStatusFile() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    metricsFor("VmSize:\t4096 kB\nVmRSS:\t2048 kB\nVmSwap:\t1 kB\nThreads:\t17\n").bindTo(registry);

    assertThat(gauge(registry, "process.memory.vss")).isEqualTo(4096.0 * 1024);
    assertThat(gauge(registry, "process.memory.rss")).isEqualTo(2048.0 * 1024);
    assertThat(gauge(registry, "process.memory.swap")).isEqualTo(1024.0);
    assertThat(gauge(registry, "process.threads")).isEqualTo(17.0);
  }

  @Test
  void exportsTheNamesTheJvmMicrometerDashboardQueries() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metricsFor("VmSize:\t4096 kB\nVmRSS:\t2048 kB\nVmSwap:\t0 kB\nThreads:\t17\n").bindTo(registry);

    assertThat(registry.scrape())
        .contains("process_memory_vss_bytes 4194304")
        .contains("process_memory_rss_bytes 2097152")
        .contains("process_memory_swap_bytes 0")
        .contains("process_threads 17");
  }

  @Test
  void bindsNoGaugeForAFieldTheKernelDoesNotReport() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    metricsFor("VmSize:\t4096 kB\nVmRSS:\t2048 kB\nThreads:\t17\n").bindTo(registry);

    assertThat(registry.find("process.memory.swap").meter()).isNull();
    assertThat(registry.find("process.memory.rss").meter()).isNotNull();
  }

  @Test
  void bindsNothingWithoutAStatusFile() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new ProcessStatusMetrics(
            new ProcStatusFile(dir.resolve("absent"), Duration.ofSeconds(1), System::nanoTime),
            Tags.empty())
        .bindTo(registry);

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void addsTheGivenTagsToEveryGauge() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Path status = dir.resolve("status");
    Files.writeString(status, "VmRSS:\t2048 kB\nThreads:\t17\n");
    new ProcessStatusMetrics(
            new ProcStatusFile(status, Duration.ofSeconds(1), System::nanoTime),
            Tags.of("pod", "a"))
        .bindTo(registry);

    assertThat(registry.getMeters())
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.getId().getTag("pod")).isEqualTo("a"));
  }

  @Test
  void readsThisProcessOnLinux() {
    assumeTrue(Files.isReadable(ProcStatusFile.SELF), "no /proc/self/status: not Linux");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new ProcessStatusMetrics().bindTo(registry);

    // A running JVM has a resident heap and at least main + GC + compiler threads.
    assertThat(gauge(registry, "process.memory.rss")).isGreaterThan(1024 * 1024);
    assertThat(gauge(registry, "process.memory.vss"))
        .isGreaterThan(gauge(registry, "process.memory.rss"));
    assertThat(gauge(registry, "process.threads")).isGreaterThanOrEqualTo(3);
  }

  private ProcessStatusMetrics metricsFor(String status) throws Exception {
    Path file = dir.resolve("status");
    Files.writeString(file, status);
    return new ProcessStatusMetrics(
        new ProcStatusFile(file, Duration.ofSeconds(1), System::nanoTime), Tags.empty());
  }

  private static double gauge(SimpleMeterRegistry registry, String name) {
    Meter meter = registry.get(name).meter();
    assertThat(meter).isInstanceOf(Gauge.class);
    return ((Gauge) meter).value();
  }
}
