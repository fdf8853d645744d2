package dev.vigil.server.config;

import dev.vigil.server.model.Labels;
import java.time.Duration;

/**
 * The {@code global:} section: defaults for every job plus the external labels.
 *
 * @param bodySizeLimit the default {@code body_size_limit} in bytes, 0 for none
 */
public record GlobalConfig(
    Duration scrapeInterval,
    Duration scrapeTimeout,
    Duration evaluationInterval,
    Labels externalLabels,
    long bodySizeLimit) {

  /** Without a body size limit. */
  public GlobalConfig(
      Duration scrapeInterval,
      Duration scrapeTimeout,
      Duration evaluationInterval,
      Labels externalLabels) {
    this(scrapeInterval, scrapeTimeout, evaluationInterval, externalLabels, 0);
  }

  /** Prometheus's defaults: scrape every 1m with a 10s timeout, evaluate rules every 1m. */
  public static final GlobalConfig DEFAULT =
      new GlobalConfig(
          Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(1), Labels.empty());
}
