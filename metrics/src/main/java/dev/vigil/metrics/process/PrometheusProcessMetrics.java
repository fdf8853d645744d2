package dev.vigil.metrics.process;

import dev.vigil.metrics.log.DebugLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Binds the process metrics every Prometheus client library exports under the same names ({@code
 * process_cpu_seconds_total}, {@code process_resident_memory_bytes}, {@code
 * process_virtual_memory_bytes}, {@code process_virtual_memory_max_bytes}, {@code
 * process_open_fds}, {@code process_max_fds}), read from Linux {@code /proc/self}.
 *
 * <p>Node Exporter Full (1860) draws its "Exporter Process" panels from these; Micrometer's own
 * process meters have other names ({@code process_cpu_usage}, {@code process_files_open_files}).
 * {@code process_start_time_seconds} is left out because Micrometer's uptime binder already
 * registers that exact name. On systems without {@code /proc} nothing is bound.
 */
public final class PrometheusProcessMetrics implements MeterBinder {

  /** One meter: adding a metric adds a row. Names are dotted; the registry renders underscores. */
  private record Row(
      String name,
      boolean counter,
      String description,
      ToDoubleFunction<ProcSelfSnapshot.Values> value) {}

  private static final List<Row> ROWS =
      List.of(
          // A counter named process.cpu.seconds is rendered as process_cpu_seconds_total.
          new Row(
              "process.cpu.seconds",
              true,
              "Total user and system CPU time spent in seconds.",
              ProcSelfSnapshot.Values::cpuSeconds),
          new Row(
              "process.resident.memory.bytes",
              false,
              "Resident memory size in bytes.",
              ProcSelfSnapshot.Values::residentBytes),
          new Row(
              "process.virtual.memory.bytes",
              false,
              "Virtual memory size in bytes.",
              ProcSelfSnapshot.Values::virtualBytes),
          new Row(
              "process.virtual.memory.max.bytes",
              false,
              "Maximum amount of virtual memory available in bytes.",
              ProcSelfSnapshot.Values::maxVirtualBytes),
          new Row(
              "process.open.fds",
              false,
              "Number of open file descriptors.",
              ProcSelfSnapshot.Values::openFds),
          new Row(
              "process.max.fds",
              false,
              "Maximum number of open file descriptors.",
              ProcSelfSnapshot.Values::maxFds));

  /** One read of the files serves every meter of a scrape (see ProcessStatusMetrics). */
  private static final Duration MAX_AGE = Duration.ofSeconds(1);

  private final ProcSelfSnapshot snapshot;
  private final Iterable<Tag> tags;

  /** Reads the current process's {@code /proc/self}. */
  public PrometheusProcessMetrics() {
    this(Tags.empty());
  }

  /** Reads the current process's {@code /proc/self} and adds {@code tags} to every meter. */
  public PrometheusProcessMetrics(Iterable<Tag> tags) {
    this(new ProcSelfSnapshot(Path.of("/proc/self"), MAX_AGE, System::nanoTime), tags);
  }

  PrometheusProcessMetrics(ProcSelfSnapshot snapshot, Iterable<Tag> tags) {
    this.snapshot = snapshot;
    this.tags = tags;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    if (!snapshot.available()) {
      DebugLog.debug(
          PrometheusProcessMetrics.class.getName(),
          () -> "No /proc/self/stat on this system: standard process metrics not bound");
      return;
    }
    ProcSelfSnapshot.Values present = snapshot.readNow();
    for (Row row : ROWS) {
      // A value this system does not provide (no limits file, say) gets no meter at all rather
      // than one that is always NaN.
      if (Double.isNaN(row.value().applyAsDouble(present))) {
        continue;
      }
      ToDoubleFunction<ProcSelfSnapshot> read = s -> row.value().applyAsDouble(s.get());
      // No base units: Micrometer would append them to names that already carry their unit.
      if (row.counter()) {
        FunctionCounter.builder(row.name(), snapshot, read)
            .tags(tags)
            .description(row.description())
            // Counters hold the snapshot weakly; the gauges below hold the same one strongly.
            .register(registry);
      } else {
        Gauge.builder(row.name(), snapshot, read)
            .tags(tags)
            .description(row.description())
            .strongReference(true)
            .register(registry);
      }
    }
  }
}
