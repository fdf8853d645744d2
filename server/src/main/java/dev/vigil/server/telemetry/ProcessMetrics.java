package dev.vigil.server.telemetry;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The standard {@code process_*} metrics (CPU, resident and virtual memory, start time, file
 * descriptors) under the names Prometheus's own {@code /metrics} uses, so one dashboard compares
 * the two servers' footprint.
 *
 * <p>Memory comes from {@code /proc/self/status} (Linux; in kB there, so no page-size guess) and
 * is left out where that file does not exist; CPU and descriptors come from the JVM's operating
 * system bean.
 */
public final class ProcessMetrics {

  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMetrics() {}

  /** Registers every {@code process_*} metric this platform can report. */
  public static void register(TelemetryRegistry registry) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      registry.counter(
          "process_cpu_seconds_total",
          "User and system CPU time spent by the process, in seconds.",
          () -> sun.getProcessCpuTime() / 1e9);
    }
    ProcessHandle.current()
        .info()
        .startInstant()
        .ifPresent(
            start ->
                registry.gauge(
                    "process_start_time_seconds",
                    "Start time of the process since the Unix epoch, in seconds.",
                    () -> start.toEpochMilli() / 1e3));
    if (os instanceof UnixOperatingSystemMXBean unix) {
      registry.gauge(
          "process_open_fds", "Open file descriptors.", unix::getOpenFileDescriptorCount);
      registry.gauge(
          "process_max_fds",
          "Limit on open file descriptors.",
          unix::getMaxFileDescriptorCount);
    }
    if (statusBytes("VmRSS").isPresent()) {
      registry.gauge(
          "process_resident_memory_bytes",
          "Resident memory (RSS), in bytes.",
          () -> statusBytes("VmRSS").orElse(0));
      registry.gauge(
          "process_virtual_memory_bytes",
          "Virtual memory size, in bytes.",
          () -> statusBytes("VmSize").orElse(0));
    }
  }

  private static OptionalLong statusBytes(String field) {
    try {
      return statusField(Files.readString(STATUS), field);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * A {@code Name:   1234 kB} field of a {@code /proc/<pid>/status} text, in bytes; empty when the
   * field is missing or not in kB.
   */
  static OptionalLong statusField(String status, String field) {
    String prefix = field + ":";
    for (String line : status.split("\n")) {
      if (!line.startsWith(prefix)) {
        continue;
      }
      String[] parts = line.substring(prefix.length()).trim().split("\\s+");
      if (parts.length != 2 || !parts[1].equals("kB")) {
        return OptionalLong.empty();
      }
      try {
        return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }
}
