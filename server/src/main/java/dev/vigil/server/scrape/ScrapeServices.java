package dev.vigil.server.scrape;

import dev.vigil.server.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What every pool and loop shares: the store, the HTTP scraper, the threads, the clock and the
 * metrics.
 *
 * @param scheduler fires scrape ticks; null when scrapes are only triggered by hand (tests)
 * @param timestampTolerance how far a scrape may be off its schedule and still get the scheduled
 *     timestamp ({@link ScrapeTimeAligner}); zero stores the clock's time as is
 */
record ScrapeServices(
    Storage storage,
    HttpScraper scraper,
    ScrapeTimer scheduler,
    Executor worker,
    Clock clock,
    Duration timestampTolerance,
    ScrapeMetrics metrics) {}
