package dev.vigil.server.storage.memory;

import dev.vigil.server.storage.SampleRejectedException.Reason;
import dev.vigil.server.telemetry.Counter;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;

/** The in-memory store's self-metrics, declared in one place. */
final class MemoryStorageMetrics {

  private final Counter appended;
  private final Counter commits;
  private final Map<Reason, Counter.Child> rejected = new EnumMap<>(Reason.class);

  MemoryStorageMetrics(TelemetryRegistry registry, IntSupplier seriesCount) {
    registry.gauge(
        "vigil_storage_series", "Number of series in the store.", () -> seriesCount.getAsInt());
    appended =
        registry.counter("vigil_storage_samples_appended_total", "Samples committed to the store.");
    commits = registry.counter("vigil_storage_commits_total", "Appender batches committed.");
    Counter rejectedFamily =
        registry.counter(
            "vigil_storage_samples_rejected_total",
            "Samples the store refused, by reason.",
            "reason");
    for (Reason r : Reason.values()) {
      rejected.put(r, rejectedFamily.labels(r.label()));
    }
  }

  void committed(int samples) {
    commits.inc();
    appended.inc(samples);
  }

  void rejected(Reason reason) {
    rejected.get(reason).inc();
  }
}
