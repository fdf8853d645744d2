package dev.vigil.agent.exporter;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import java.io.IOException;

/** Renders the current metrics in one exposition format into a buffer. */
interface ExpositionSource {

  /**
   * Appends the exposition in {@code format} (one of {@link ExpositionNegotiation}'s writers) to
   * {@code out}.
   */
  void render(ExpositionFormatWriter format, ExpositionBuffer out) throws IOException;
}
