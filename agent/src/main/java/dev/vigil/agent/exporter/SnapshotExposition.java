package dev.vigil.agent.exporter;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Renders client_java snapshots with client_java's own writers: the reference output that {@link
 * MeterExposition} reproduces, and its fallback for meters it does not lay out itself.
 */
final class SnapshotExposition implements ExpositionSource {

  private final Supplier<MetricSnapshots> snapshots;

  SnapshotExposition(Supplier<MetricSnapshots> snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public void render(ExpositionFormatWriter format, ExpositionBuffer out) throws IOException {
    format.write(out, snapshots.get());
  }
}
