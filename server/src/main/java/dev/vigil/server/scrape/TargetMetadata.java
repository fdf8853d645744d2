package dev.vigil.server.scrape;

import dev.vigil.server.model.Labels;
import java.util.Map;

/**
 * The metric metadata one target exposed in its last successful scrape, keyed by family name.
 *
 * @param targetLabels the target's labels ({@code job}, {@code instance}, static labels)
 */
public record TargetMetadata(
    String scrapePool, Labels targetLabels, Map<String, MetricMetadata> families) {

  public TargetMetadata {
    families = Map.copyOf(families);
  }
}
