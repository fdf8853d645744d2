package dev.vigil.metrics.process;

import dev.vigil.metrics.log.DebugLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Binds the process memory and OS thread gauges that the "JVM (Micrometer)" dashboard (Grafana
 * 4701) reads, {@code process_memory_{vss,rss,swap}_bytes} and {@code process_threads}, from Linux
 * {@code /proc/self/status}.
 *
 * <p>These names come from the third-party micrometer-jvm-extras library, not from Micrometer core,
 * which is why neither Spring Boot nor Micrometer binds them. On systems without {@code /proc} the
 * binder registers nothing rather than exporting series that are always NaN.
 */
public final class ProcessStatusMetrics implements MeterBinder {

  /** One row per gauge: adding a gauge adds a row. */
  private static final List<Row> ROWS =
      List.of(
          new Row(
              "process.memory.vss",
              "VmSize",
              BaseUnits.BYTES,
              "Virtual memory size of the process"),
          new Row(
              "process.memory.rss", "VmRSS", BaseUnits.BYTES, "Resident set size of the process"),
          new Row(
              "process.memory.swap",
              "VmSwap",
              BaseUnits.BYTES,
              "Swapped-out memory of the process"),
          new Row(
              "process.threads",
              "Threads",
              null,
              "Number of OS threads in the process, including JVM-internal ones"));

  /**
   * How long one read of the status file serves all gauges. Shorter than any sensible scrape
   * interval, so every scrape sees fresh values, but long enough that one scrape reads the file
   * once.
   */
  private static final Duration MAX_AGE = Duration.ofSeconds(1);

  private final ProcStatusFile file;
  private final Iterable<Tag> tags;

  /** Reads the current process's status file. */
  public ProcessStatusMetrics() {
    this(Tags.empty());
  }

  /** Reads the current process's status file and adds {@code tags} to every gauge. */
  public ProcessStatusMetrics(Iterable<Tag> tags) {
    this(new ProcStatusFile(ProcStatusFile.SELF, MAX_AGE, System::nanoTime), tags);
  }

  ProcessStatusMetrics(ProcStatusFile file, Iterable<Tag> tags) {
    this.file = file;
    this.tags = tags;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Map<String, Double> present = file.readNow();
    if (present.isEmpty()) {
      DebugLog.debug(
          ProcessStatusMetrics.class.getName(),
          () -> "No /proc status file on this system: process memory gauges not bound");
      return;
    }
    for (Row row : ROWS) {
      // A field the kernel does not report (VmSwap needs CONFIG_SWAP) gets no gauge at all.
      if (present.containsKey(row.field())) {
        Gauge.builder(row.name(), file, f -> f.value(row.field()))
            .tags(tags)
            .baseUnit(row.baseUnit())
            .description(row.description())
            .strongReference(true)
            .register(registry);
      }
    }
  }

  private record Row(String name, String field, String baseUnit, String description) {}
}
