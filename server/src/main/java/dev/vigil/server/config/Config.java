package dev.vigil.server.config;

import java.util.List;

/**
 * A loaded {@code prometheus.yml}: the global defaults, the scrape jobs (with the globals already
 * applied) and the warnings about sections we accepted but do not act on yet.
 */
public record Config(GlobalConfig global, List<ScrapeConfig> scrapeConfigs, List<String> warnings) {

  public Config {
    scrapeConfigs = List.copyOf(scrapeConfigs);
    warnings = List.copyOf(warnings);
  }

  /** What an empty file means: defaults, no jobs. */
  public static Config empty() {
    return new Config(GlobalConfig.DEFAULT, List.of(), List.of());
  }

  /** The job with this name, or null. */
  public ScrapeConfig scrapeConfig(String jobName) {
    for (ScrapeConfig c : scrapeConfigs) {
      if (c.jobName().equals(jobName)) {
        return c;
      }
    }
    return null;
  }
}
