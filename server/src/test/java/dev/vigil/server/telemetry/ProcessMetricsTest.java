package dev.vigil.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProcessMetricsTest {

  private static final String STATUS =
      """
      Name:\tjava
      VmPeak:\t 8441516 kB
      VmSize:\t 8376008 kB
      VmRSS:\t  123140 kB
      RssAnon:\t   84868 kB
      Threads:\t28
      """;

  @Test
  void readsKilobyteFieldsOfProcStatusAsBytes() {
    assertThat(ProcessMetrics.statusField(STATUS, "VmRSS")).hasValue(123140L * 1024);
    assertThat(ProcessMetrics.statusField(STATUS, "VmSize")).hasValue(8376008L * 1024);
  }

  @Test
  void findsNothingForMissingOrUnitlessFields() {
    assertThat(ProcessMetrics.statusField(STATUS, "VmSwap")).isEqualTo(OptionalLong.empty());
    assertThat(ProcessMetrics.statusField(STATUS, "Threads")).isEqualTo(OptionalLong.empty());
    // A prefix of another field's name is not that field.
    assertThat(ProcessMetrics.statusField(STATUS, "Rss")).isEqualTo(OptionalLong.empty());
  }

  @Test
  void sumsUserAndSystemTicksOfProcStatEvenWhenTheCommandHasSpacesAndParentheses() {
    String stat = "42 (my (odd) cmd) S 1 42 42 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 30 0 9 0 0";

    assertThat(ProcessMetrics.statCpuTicks(stat)).isEqualTo(OptionalLong.of(325));
    assertThat(ProcessMetrics.statCpuTicks("42 (cut")).isEqualTo(OptionalLong.empty());
    assertThat(ProcessMetrics.statCpuTicks("42 (x) S 1")).isEqualTo(OptionalLong.empty());
  }

  @Test
  void readsTheSoftOpenFilesLimitOfProcLimits() {
    String limits =
        "Limit                     Soft Limit           Hard Limit           Units     \n"
            + "Max processes             95632                95632                processes \n"
            + "Max open files            1024                 524288               files     \n";

    assertThat(ProcessMetrics.limitsMaxOpenFiles(limits)).isEqualTo(OptionalLong.of(1024));
    assertThat(
            ProcessMetrics.limitsMaxOpenFiles(
                "Max open files            unlimited            unlimited            files\n"))
        .isEqualTo(OptionalLong.empty());
  }

  @Test
  void exposesThisProcessesFootprintUnderPrometheusNames() {
    TelemetryRegistry registry = new TelemetryRegistry();
    ProcessMetrics.register(registry);

    String text = registry.exposition();

    assertThat(text)
        .contains("# TYPE process_cpu_seconds_total counter")
        .contains("# TYPE process_start_time_seconds gauge")
        .contains("# TYPE process_open_fds gauge")
        .contains("# TYPE process_max_fds gauge");
    assertThat(value(text, "process_cpu_seconds_total")).isPositive();
    assertThat(value(text, "process_open_fds")).isPositive();
    assumeThat(Path.of("/proc/self/status")).as("Linux /proc").exists();
    assertThat(text).contains("# TYPE process_resident_memory_bytes gauge");
    // This JVM's RSS lies between 1 MiB and its virtual size.
    assertThat(value(text, "process_resident_memory_bytes"))
        .isGreaterThan(1 << 20)
        .isLessThan(value(text, "process_virtual_memory_bytes"));
  }

  private static double value(String exposition, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(exposition);
    assertThat(m.find()).as("%s in%n%s", name, exposition).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
