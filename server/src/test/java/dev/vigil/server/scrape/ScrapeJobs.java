package dev.vigil.server.scrape;

import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.config.ScrapeConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Test helpers: a scrape job loaded from real prometheus.yml text, and one scrape through it. */
final class ScrapeJobs {

  private ScrapeJobs() {}

  /** Job "app" with {@code settings} (YAML under the job), loaded through the real loader. */
  static ScrapeConfig load(Path dir, String settings) throws Exception {
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, "scrape_configs:\n  - job_name: app\n" + settings.indent(4));
    return new ConfigLoader(n -> null).loadFile(file).scrapeConfig("app");
  }

  /** The body of one scrape of {@code url} with the job's HTTP settings and body size limit. */
  static String scrape(HttpScraper scraper, ScrapeConfig job, String url) throws Exception {
    HttpScraper.Request r =
        scraper.prepare(URI.create(url), Duration.ofSeconds(20), job.http(), job.bodySizeLimit());
    try {
      return new String(scraper.fetch(r).get(60, TimeUnit.SECONDS).bytes(), StandardCharsets.UTF_8);
    } finally {
      HttpScraper.release(r);
    }
  }
}
