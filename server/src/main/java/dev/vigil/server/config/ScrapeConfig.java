package dev.vigil.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code scrape_configs[]} entry with the global defaults applied: how to scrape which targets
 * for one job.
 *
 * @param params extra URL query parameters, each name with one or more values, in file order
 */
public record ScrapeConfig(
    String jobName,
    Duration scrapeInterval,
    Duration scrapeTimeout,
    String metricsPath,
    String scheme,
    boolean honorLabels,
    boolean honorTimestamps,
    Map<String, List<String>> params,
    List<StaticConfig> staticConfigs) {

  public ScrapeConfig {
    params = Map.copyOf(params);
    staticConfigs = List.copyOf(staticConfigs);
  }
}
