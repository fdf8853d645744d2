package dev.vigil.server.telemetry;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The standard {@code process_*} metrics (CPU, resident and virtual memory, start time, file
 * descriptors) under the names Prometheus's own {@code /metrics} uses, so one dashboard compares
 * the two servers' footprint.
 *
 * <p>On Linux everything is read from {@code /proc/self} when scraped, as Prometheus's procfs
 * does: CPU from {@code stat}, memory from {@code status} (in kB there, so no page-size guess),
 * descriptors from {@code fd} and {@code limits}. Elsewhere CPU and descriptors come from the
 * JVM's operating system bean. Why not the bean everywhere: creating it at start loads the
 * platform management and container-detection classes (~40 classes, ~20 ms of CPU) for figures
 * the kernel hands out as text.
 */
public final class ProcessMetrics {

  private static final Path PROC = Path.of("/proc/self");
  private static final Path STATUS = PROC.resolve("status");

  /**
   * Clock ticks per second in {@code /proc/<pid>/stat}: USER_HZ, 100 on every Linux architecture
   * the JDK runs on (Prometheus's procfs assumes the same).
   */
  private static final double USER_HZ = 100;

  private ProcessMetrics() {}

  /** Registers every {@code process_*} metric this platform can report. */
  public static void register(TelemetryRegistry registry) {
    boolean proc = cpuTicks().isPresent();
    if (proc) {
      registry.counter(
          "process_cpu_seconds_total",
          "User and system CPU time spent by the process, in seconds.",
          () -> cpuTicks().orElse(0) / USER_HZ);
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
    if (proc && maxFds().isPresent()) {
      registry.gauge("process_open_fds", "Open file descriptors.", ProcessMetrics::openFds);
      registry.gauge(
          "process_max_fds",
          "Limit on open file descriptors.",
          () -> maxFds().orElse(0));
    } else {
      registerFromBean(registry, !proc);
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

  /** Without {@code /proc}: what the JVM's operating system bean offers. */
  private static void registerFromBean(TelemetryRegistry registry, boolean cpu) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (cpu && os instanceof com.sun.management.OperatingSystemMXBean sun) {
      registry.counter(
          "process_cpu_seconds_total",
          "User and system CPU time spent by the process, in seconds.",
          () -> sun.getProcessCpuTime() / 1e9);
    }
    if (os instanceof UnixOperatingSystemMXBean unix) {
      registry.gauge(
          "process_open_fds", "Open file descriptors.", unix::getOpenFileDescriptorCount);
      registry.gauge(
          "process_max_fds",
          "Limit on open file descriptors.",
          unix::getMaxFileDescriptorCount);
    }
  }

  /** utime + stime of {@code /proc/self/stat}, in clock ticks. */
  private static OptionalLong cpuTicks() {
    try {
      return statCpuTicks(Files.readString(PROC.resolve("stat")));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line; the command name in
   * parentheses may hold spaces, so fields are counted after its closing parenthesis.
   */
  static OptionalLong statCpuTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 > stat.length()) {
      return OptionalLong.empty();
    }
    String[] f = stat.substring(close + 2).trim().split(" ");
    if (f.length < 13) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Entries of {@code /proc/self/fd} (including the one this count opens, as procfs counts). */
  private static long openFds() {
    long n = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve("fd"))) {
      for (Path ignored : fds) {
        n++;
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return n;
  }

  private static OptionalLong maxFds() {
    try {
      return limitsMaxOpenFiles(Files.readString(PROC.resolve("limits")));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The soft limit of the {@code Max open files} row of a {@code /proc/<pid>/limits} text; empty
   * when missing or {@code unlimited}.
   */
  static OptionalLong limitsMaxOpenFiles(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max open files")) {
        String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
        try {
          return OptionalLong.of(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
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
