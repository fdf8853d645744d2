package dev.vigil.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code scrape_configs[]} entry with the global defaults applied: how to scrape which targets
 * for one job.
 *
 * @param params extra URL query parameters, each name with one or more values, in file order
 * @param bodySizeLimit the largest (decompressed) response body a scrape accepts, in bytes; 0 for
 *     no limit
 * @param http how to reach the targets: authentication, TLS, proxy, redirects, headers
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
    List<StaticConfig> staticConfigs,
    long bodySizeLimit,
    HttpClientConfig http) {

  public ScrapeConfig {
    params = Map.copyOf(params);
    staticConfigs = List.copyOf(staticConfigs);
    http = http == null ? HttpClientConfig.DEFAULT : http;
    if (bodySizeLimit < 0) {
      throw new IllegalArgumentException("negative body size limit " + bodySizeLimit);
    }
  }

  /** A config with Prometheus's HTTP client defaults and no body size limit. */
  public ScrapeConfig(
      String jobName,
      Duration scrapeInterval,
      Duration scrapeTimeout,
      String metricsPath,
      String scheme,
      boolean honorLabels,
      boolean honorTimestamps,
      Map<String, List<String>> params,
      List<StaticConfig> staticConfigs) {
    this(
        jobName,
        scrapeInterval,
        scrapeTimeout,
        metricsPath,
        scheme,
        honorLabels,
        honorTimestamps,
        params,
        staticConfigs,
        0,
        HttpClientConfig.DEFAULT);
  }
}
