package dev.vigil.server.scrape;

import java.util.List;
import java.util.Map;

/** The parsed body of one scrape: the samples in exposition order and the families' metadata. */
public record Exposition(List<ParsedSample> samples, Map<String, MetricMetadata> metadata) {

  public Exposition {
    samples = List.copyOf(samples);
    metadata = Map.copyOf(metadata);
  }
}
