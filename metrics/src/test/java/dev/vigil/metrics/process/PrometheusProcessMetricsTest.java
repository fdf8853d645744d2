package dev.vigil.metrics.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client-library process metrics from a captured {@code /proc/<pid>} of a JVM (resources
 * {@code process/self}: stat, status, limits), and from the running JVM.
 */
class PrometheusProcessMetricsTest {

  @TempDir Path temp;

  @Test
  void exposesClientLibraryNamesFromCapturedProcFiles() throws IOException {
    Path self = capturedSelfWithFds(5);

    List<String> lines = scrape(self);

    // stat: utime 71 + stime 7 ticks, vsize 9192050688; status: VmRSS 66504 kB;
    // limits: open files 20000, address space unlimited (RLIM_INFINITY, as client_golang prints).
    assertThat(lines)
        .contains(
            "# TYPE process_cpu_seconds_total counter",
            "process_cpu_seconds_total 0.78",
            "# TYPE process_virtual_memory_bytes gauge",
            "process_virtual_memory_bytes 9.192050688E9",
            "process_resident_memory_bytes 6.8100096E7",
            "process_max_fds 20000.0",
            "process_virtual_memory_max_bytes 1.8446744073709552E19",
            "process_open_fds 5.0");
  }

  @Test
  void aMissingFileSkipsOnlyItsOwnMetrics() throws IOException {
    Path self = capturedSelfWithFds(2);
    Files.delete(self.resolve("limits"));

    List<String> lines = scrape(self);

    assertThat(lines).contains("process_cpu_seconds_total 0.78", "process_open_fds 2.0");
    assertThat(lines).noneMatch(l -> l.startsWith("process_max_fds"));
  }

  @Test
  void commandNamesWithSpacesAndParenthesesDoNotShiftFields() {
    String line = "42 (my (odd) java) S 1 42 42 0 -1 4194304 10 0 0 0 250 50 0 0 20 0 9 0 77 "
        + "1048576 100 18446744073709551615";

    ProcStatLine.Values values = ProcStatLine.parse(line);

    assertThat(values.cpuSeconds()).isEqualTo(3.0);
    assertThat(values.virtualBytes()).isEqualTo(1048576.0);
  }

  @Test
  void malformedStatFieldsBecomeNaN() {
    ProcStatLine.Values truncated = ProcStatLine.parse("42 (java) S 1 42 42 0 -1 4194304 10");
    ProcStatLine.Values garbled =
        ProcStatLine.parse("42 (java) S 1 42 42 0 -1 4194304 10 0 0 0 x 50 0 0 20 0 9 0 77 4096");

    assertThat(truncated.cpuSeconds()).isNaN();
    assertThat(truncated.virtualBytes()).isNaN();
    assertThat(garbled.cpuSeconds()).isNaN();
    assertThat(garbled.virtualBytes()).isEqualTo(4096.0);
  }

  @Test
  void limitsTableSoftColumnWithUnlimitedAndSkippedGarbage() {
    Map<String, Double> limits =
        ProcLimits.parseSoft(
            "Limit                     Soft Limit           Hard Limit           Units     \n"
                + "Max open files            1024                 4096                 files     \n"
                + "Max address space         unlimited            unlimited            bytes     \n"
                + "Max stack size            lots                 unlimited            bytes     \n"
                + "garbage\n");

    assertThat(limits)
        .containsOnly(
            Map.entry("Max open files", 1024.0), Map.entry("Max address space", 0x1p64));
  }

  @Test
  void bindsNothingWithoutProcfs() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    binder(temp.resolve("absent")).bindTo(registry);

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void readsTheRunningJvm() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new PrometheusProcessMetrics(Tags.of("application", "test")).bindTo(registry);

    assertThat(registry.get("process.cpu.seconds").functionCounter().count()).isPositive();
    assertThat(registry.get("process.open.fds").gauge().value())
        .isPositive()
        .isLessThanOrEqualTo(registry.get("process.max.fds").gauge().value());
    assertThat(registry.get("process.resident.memory.bytes").gauge().value())
        .isPositive()
        .isLessThan(registry.get("process.virtual.memory.bytes").gauge().value());
    assertThat(registry.scrape()).contains("process_cpu_seconds_total{application=\"test\"}");
  }

  private List<String> scrape(Path self) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    binder(self).bindTo(registry);
    return Arrays.asList(registry.scrape().split("\n"));
  }

  private static PrometheusProcessMetrics binder(Path self) {
    return new PrometheusProcessMetrics(
        new ProcSelfSnapshot(self, Duration.ZERO, System::nanoTime), Tags.empty());
  }

  /** A copy of the captured files with an fd directory of {@code fds} entries. */
  private Path capturedSelfWithFds(int fds) throws IOException {
    Path self = Files.createDirectories(temp.resolve("self"));
    for (String file : List.of("stat", "status", "limits")) {
      Files.copy(resource("process/self/" + file), self.resolve(file));
    }
    Path fd = Files.createDirectories(self.resolve("fd"));
    for (int i = 0; i < fds; i++) {
      Files.createFile(fd.resolve(Integer.toString(i)));
    }
    return self;
  }

  private static Path resource(String name) {
    try {
      return Path.of(PrometheusProcessMetricsTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
