package dev.vigil.server.scrape;

import dev.vigil.server.storage.SampleRejectedException.Reason;
import dev.vigil.server.telemetry.Counter;
import dev.vigil.server.telemetry.Gauge;
import dev.vigil.server.telemetry.TelemetryRegistry;

/**
 * The scrape layer's self-metrics, declared in one place (Prometheus's {@code prometheus_target_*}
 * counterparts in brackets).
 */
final class ScrapeMetrics {

  /** [prometheus_target_scrape_pools_total] Number of scrape pools (jobs). */
  final Gauge pools;

  /** Number of targets per job. */
  final Gauge targets;

  /** Scrapes attempted per job. */
  final Counter scrapes;

  /** Scrapes that failed per job (target down, bad body, timeout). */
  final Counter failures;

  /** Ticks skipped because the previous scrape of the target was still running. */
  final Counter skipped;

  /**
   * [prometheus_target_scrapes_sample_out_of_order_total and siblings] Samples the store refused,
   * by reason.
   */
  final Counter rejected;

  ScrapeMetrics(TelemetryRegistry registry) {
    pools = registry.gauge("vigil_scrape_pools", "Number of scrape pools, one per job.");
    targets = registry.gauge("vigil_scrape_targets", "Number of targets per job.", "job");
    scrapes = registry.counter("vigil_scrape_attempts_total", "Scrapes attempted, per job.", "job");
    failures =
        registry.counter(
            "vigil_scrape_failures_total", "Scrapes that failed (up=0), per job.", "job");
    skipped =
        registry.counter(
            "vigil_scrape_skipped_total",
            "Scrapes skipped because the target's previous scrape was still running, per job.",
            "job");
    rejected =
        registry.counter(
            "vigil_scrape_samples_rejected_total",
            "Scraped samples the store refused, by reason.",
            "reason");
    for (Reason r : Reason.values()) {
      rejected.labels(r.label());
    }
  }

  void rejected(Reason reason) {
    rejected.labels(reason.label()).inc();
  }
}
