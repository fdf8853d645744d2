package dev.vigil.server.scrape;

import dev.vigil.server.config.HttpClientConfig;
import dev.vigil.server.config.ScrapeConfig;
import java.time.Duration;

/**
 * What a scrape loop needs from its job's config; a change restarts the loop.
 *
 * @param bodySizeLimit bytes, 0 for none
 * @param http authentication, TLS, proxy and headers: a change (e.g. a new token file name)
 *     restarts the loop with a new connection
 */
record ScrapeSettings(
    Duration interval,
    Duration timeout,
    boolean honorLabels,
    boolean honorTimestamps,
    long bodySizeLimit,
    HttpClientConfig http) {

  static ScrapeSettings of(ScrapeConfig c) {
    return new ScrapeSettings(
        c.scrapeInterval(),
        c.scrapeTimeout(),
        c.honorLabels(),
        c.honorTimestamps(),
        c.bodySizeLimit(),
        c.http());
  }
}
