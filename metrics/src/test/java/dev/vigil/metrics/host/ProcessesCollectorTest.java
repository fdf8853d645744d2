package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The processes collector on a procfs of captured {@code /proc/<pid>/stat} lines. */
class ProcessesCollectorTest {

  /** Captured: PID 1 of the development VM, sleeping, 14 threads. */
  private static final String INIT =
      "1 (process_api) S 0 0 0 0 -1 4194560 202547 96573467 0 20570 1153 5913 1097239 110563 20 0"
          + " 14 0 33 53248000 4605 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 0"
          + " 0 0 0\n";

  @TempDir Path temp;

  private final PrometheusMeterRegistry registry = HostFixture.registry();
  private HostMetrics host;

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void countsProcessesThreadsAndStatesAndReadsTheLimits() throws IOException {
    Path proc = temp.resolve("proc");
    stat(proc, "1", INIT);
    // The captured JVM (resources process/self/stat): sleeping, 22 threads.
    stat(proc, "13270", HostFixture.read(resource("process/self/stat")));
    // A command name with spaces and parentheses, running, one thread.
    stat(proc, "77", "77 (a (b) c) R 1 77 77 0 -1 0 0 0 0 0 5 1 0 0 20 0 1 0 99 4096 10 0\n");
    stat(proc, "99", "99 (cut short) S 1 99\n");
    Files.createDirectories(proc.resolve("sys/kernel"));
    Files.writeString(proc.resolve("sys/kernel/pid_max"), "32768\n");
    Files.writeString(proc.resolve("sys/kernel/threads-max"), "192730\n");

    List<String> lines = scrape(proc, "processes");

    assertThat(lines)
        .contains(
            "node_processes_pids 3.0",
            "node_processes_threads 37.0",
            "node_processes_state{state=\"S\"} 2.0",
            "node_processes_state{state=\"R\"} 1.0",
            "node_processes_max_processes 32768.0",
            "node_processes_max_threads 192730.0");
  }

  @Test
  void isOffByDefaultAsInNodeExporter() throws IOException {
    Path proc = temp.resolve("proc");
    stat(proc, "1", INIT);

    host = HostMetrics.builder().paths(HostPaths.under(temp)).linux(true).build();
    host.bindTo(registry);

    assertThat(HostMetrics.collectorNames()).contains("processes");
    assertThat(HostMetrics.defaultCollectorNames()).doesNotContain("processes");
    assertThat(HostFixture.lines(registry)).noneMatch(l -> l.startsWith("node_processes_"));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void countsAtLeastThisJvmOnTheRealProcfs() {
    host = HostMetrics.builder().linux(true).only("processes").build();
    host.bindTo(registry);

    assertThat(registry.get("node_processes_pids").gauge().value()).isPositive();
    assertThat(registry.get("node_processes_threads").gauge().value())
        .isGreaterThanOrEqualTo(registry.get("node_processes_pids").gauge().value());
  }

  private List<String> scrape(Path proc, String... collectors) {
    host =
        HostMetrics.builder()
            .paths(HostPaths.of(proc, temp.resolve("sys"), temp))
            .linux(true)
            .only(collectors)
            .build();
    host.bindTo(registry);
    return HostFixture.lines(registry);
  }

  private static void stat(Path proc, String pid, String line) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(pid));
    Files.writeString(dir.resolve("stat"), line);
  }

  private static Path resource(String name) {
    try {
      return Path.of(ProcessesCollectorTest.class.getClassLoader().getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
