package dev.vigil.metrics.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One read of the files behind the standard process metrics ({@code stat}, {@code status},
 * {@code limits} and the {@code fd} directory of a process's procfs directory), reused for at most
 * {@code maxAge} so that one scrape reads each file once.
 */
final class ProcSelfSnapshot {

  /** The values of one read; NaN where a file or field could not be read. */
  record Values(
      double cpuSeconds,
      double virtualBytes,
      double residentBytes,
      double openFds,
      double maxFds,
      double maxVirtualBytes) {}

  private final Path dir;
  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  private Values values;
  private long readAtNanos;

  /**
   * @param dir a process's procfs directory, e.g. {@code /proc/self}
   */
  ProcSelfSnapshot(Path dir, Duration maxAge, LongSupplier nanoClock) {
    this.dir = dir;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Whether this system has the process's stat file at all (Linux). */
  boolean available() {
    return Files.isReadable(dir.resolve("stat"));
  }

  synchronized Values get() {
    long now = nanoClock.getAsLong();
    if (values == null || now - readAtNanos >= maxAgeNanos) {
      values = readNow();
      readAtNanos = now;
    }
    return values;
  }

  /** Reads everything now; a file that cannot be read yields NaN for its values, never throws. */
  Values readNow() {
    ProcStatLine.Values stat =
        read("stat")
            .map(ProcStatLine::parse)
            .orElse(new ProcStatLine.Values(Double.NaN, Double.NaN));
    // Resident size from status (already in bytes) rather than stat's page count: Java has no
    // portable way to learn the page size. Both are the kernel's same RSS counter.
    double resident =
        read("status")
            .map(text -> ProcStatusFile.parse(List.of(text.split("\n"))).get("VmRSS"))
            .orElse(Double.NaN);
    Map<String, Double> limits = read("limits").map(ProcLimits::parseSoft).orElse(Map.of());
    return new Values(
        stat.cpuSeconds(),
        stat.virtualBytes(),
        resident,
        countOpenFds(),
        limits.getOrDefault("Max open files", Double.NaN),
        limits.getOrDefault("Max address space", Double.NaN));
  }

  private Optional<String> read(String file) {
    try {
      return Optional.of(Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** Entries of the fd directory; like client_golang, this includes the one listing it. */
  private double countOpenFds() {
    long count = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path ignored : fds) {
        count++;
      }
    } catch (IOException | SecurityException e) {
      return Double.NaN;
    }
    return count;
  }
}
