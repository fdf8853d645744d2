package dev.vigil.server.scrape;

import dev.vigil.server.model.Labels;
import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of one target for the API: who it is, where it is scraped and how the last scrape
 * went.
 *
 * @param lastScrape start of the last scrape, or null when it has not been scraped yet
 * @param lastError the last scrape's error, empty when it succeeded
 */
public record TargetStatus(
    String scrapePool,
    Labels labels,
    Labels discoveredLabels,
    String scrapeUrl,
    TargetHealth health,
    String lastError,
    Instant lastScrape,
    Duration lastScrapeDuration,
    Duration scrapeInterval,
    Duration scrapeTimeout) {}
