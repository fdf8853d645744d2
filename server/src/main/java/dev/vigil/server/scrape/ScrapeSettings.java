package dev.vigil.server.scrape;

import dev.vigil.server.config.ScrapeConfig;
import java.time.Duration;

/** What a scrape loop needs from its job's config; a change restarts the loop. */
record ScrapeSettings(
    Duration interval, Duration timeout, boolean honorLabels, boolean honorTimestamps) {

  static ScrapeSettings of(ScrapeConfig c) {
    return new ScrapeSettings(
        c.scrapeInterval(), c.scrapeTimeout(), c.honorLabels(), c.honorTimestamps());
  }
}
