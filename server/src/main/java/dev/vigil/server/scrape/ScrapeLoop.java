package dev.vigil.server.scrape;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.SampleRejectedException;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.telemetry.Counter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Scrapes one target every interval and appends what it gets, one commit per scrape.
 *
 * <p>Besides the exposed samples it writes the synthetic {@code up} and {@code scrape_*} series,
 * and stale markers: for series that disappeared since the previous scrape, for all of them when a
 * scrape fails, and when the target is removed. Series exposed with their own timestamps (and
 * {@code honor_timestamps}) are not tracked for staleness, as in Prometheus.
 */
final class ScrapeLoop {

  private static final Logger logger = System.getLogger(ScrapeLoop.class.getName());

  /** The synthetic series written for every scrape, in Prometheus's names. */
  private static final String[] REPORT_SERIES = {
    "up",
    "scrape_duration_seconds",
    "scrape_samples_scraped",
    "scrape_samples_post_metric_relabeling",
    "scrape_series_added"
  };

  private final Target target;
  private final ScrapeSettings settings;
  private final ScrapeServices services;
  private final ScrapeTimeAligner aligner;
  private final SeriesCache seriesCache;
  /**
   * A scrape's parsed samples, one set of arrays per thread: a scrape is parsed and appended on
   * one thread under the loop's lock, so a thread's arrays serve every target it scrapes. One per
   * loop held ~21 bytes per series between scrapes (2 MiB at 100k series), for nothing.
   */
  private static final ThreadLocal<ScrapedSamples> SCRAPED =
      ThreadLocal.withInitial(ScrapedSamples::new);
  /** The synthetic series' label sets, in {@link #REPORT_SERIES} order; built once per loop. */
  private final Labels[] reportLabels;
  /** The storage refs of {@link #reportLabels}, as the appender last returned them. */
  private final long[] reportRefs;

  /**
   * This job's children of the scrape counters, looked up once: a lookup per tick (varargs, a
   * list key, a map) ran interpreted for the first minutes, a tick being rare. Pools never remove
   * these children, so the cached ones stay the exported ones.
   */
  private final Counter.Child scrapeCount;

  private final Counter.Child failureCount;
  private final Counter.Child skippedCount;

  /** Guards everything below; held while a scrape's results are appended. */
  private final Object lock = new Object();

  private final StaleSeriesTracker series;
  private long lastTimestamp;
  private boolean stopped;
  /** The target's request, prepared at the first scrape and reused (with its connection). */
  private HttpScraper.Request request;
  private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
  private ScrapeTimer.Slot schedule;

  private volatile TargetHealth health = TargetHealth.UNKNOWN;
  private volatile String lastError = "";
  private volatile Instant lastScrape;
  private volatile Duration lastDuration = Duration.ZERO;

  /**
   * HELP/TYPE of the last successful scrape, for the metadata API. Replaced wholesale per scrape
   * (Prometheus keeps a per-target cache with the same effect: families that vanish go away).
   */
  private volatile Map<String, MetricMetadata> metadata = Map.of();

  /**
   * Creates a loop; {@code handover} carries the series of a loop this one replaces (same target,
   * changed settings), so series that vanish across a reload still get stale markers.
   */
  ScrapeLoop(Target target, ScrapeSettings settings, ScrapeServices services, ScrapeLoop handover) {
    this.target = target;
    this.settings = settings;
    this.services = services;
    this.seriesCache =
        new SeriesCache(new LabelMerger(target.labels(), settings.honorLabels()));
    this.reportLabels = new Labels[REPORT_SERIES.length];
    this.reportRefs = new long[REPORT_SERIES.length];
    for (int i = 0; i < REPORT_SERIES.length; i++) {
      reportLabels[i] =
          target.labels().toBuilder().set(Labels.METRIC_NAME, REPORT_SERIES[i]).build();
    }
    this.scrapeCount = services.metrics().scrapes.labels(target.scrapePool());
    this.failureCount = services.metrics().failures.labels(target.scrapePool());
    this.skippedCount = services.metrics().skipped.labels(target.scrapePool());
    this.aligner = new ScrapeTimeAligner(settings.interval(), services.timestampTolerance());
    if (handover != null) {
      synchronized (handover.lock) {
        this.series = new StaleSeriesTracker(handover.series.snapshot());
        this.lastTimestamp = handover.lastTimestamp;
        this.health = handover.health;
        this.lastError = handover.lastError;
        this.lastScrape = handover.lastScrape;
        this.lastDuration = handover.lastDuration;
      }
    } else {
      this.series = new StaleSeriesTracker(Set.of());
      this.lastTimestamp = Long.MIN_VALUE;
    }
  }

  Target target() {
    return target;
  }

  ScrapeSettings settings() {
    return settings;
  }

  /** Starts scraping at Prometheus's per-target offset within the interval. */
  void start() {
    if (services.scheduler() == null) {
      return;
    }
    long interval = settings.interval().toMillis();
    long delay = offsetMillis(target.hash(), interval, services.clock().millis());
    synchronized (lock) {
      schedule = services.scheduler().schedule(this::tick, delay, interval);
    }
  }

  /**
   * The delay until this target's slot: targets keep a fixed phase within the interval, derived
   * from their hash, so they do not all fire together and keep their phase across restarts.
   */
  static long offsetMillis(long hash, long intervalMs, long nowMs) {
    long base = intervalMs - Math.floorMod(nowMs, intervalMs);
    long next = base + Long.remainderUnsigned(hash, intervalMs);
    return next > intervalMs ? next - intervalMs : next;
  }

  private void tick() {
    try {
      CompletableFuture<Void> started = scrape(false);
      if (started == null) {
        skippedCount.inc();
      }
    } catch (RuntimeException e) {
      // Never let an exception cancel the periodic task.
      logger.log(Level.ERROR, "scrape of " + target + " failed unexpectedly", e);
    }
  }

  /** Scrapes now (unless a scrape is running); completes when its results are committed. */
  CompletableFuture<Void> scrapeNow() {
    CompletableFuture<Void> started = scrape(true);
    return started != null ? started : CompletableFuture.completedFuture(null);
  }

  /**
   * Starts a scrape; null when one is already running (and {@code waitForRunning} is false). With
   * {@code waitForRunning} a caller gets a future for the scrape after the running one.
   */
  private CompletableFuture<Void> scrape(boolean waitForRunning) {
    synchronized (lock) {
      if (stopped) {
        return CompletableFuture.completedFuture(null);
      }
      if (!inFlight.isDone()) {
        if (!waitForRunning) {
          return null;
        }
        CompletableFuture<Void> after =
            inFlight.handle((v, e) -> null).thenCompose(v -> scrape(true));
        return after;
      }
      long start = scrapeTimestamp(services.clock().millis());
      long startNanos = System.nanoTime();
      scrapeCount.inc();
      // One future per scrape, completed by whichever thread finished it (for plain http the
      // I/O thread that read it): no future chain and no hop to a worker on the way.
      CompletableFuture<Void> done = new CompletableFuture<>();
      inFlight = done;
      services
          .scraper()
          .fetch(
              preparedRequest(),
              (body, err) -> {
                try {
                  report(start, Duration.ofNanos(System.nanoTime() - startNanos), body, err);
                } catch (RuntimeException e) {
                  logger.log(Level.ERROR, "scrape of " + target + " failed unexpectedly", e);
                } finally {
                  done.complete(null);
                }
              });
      return done;
    }
  }

  private HttpScraper.Request preparedRequest() {
    if (request == null) {
      request =
          services
              .scraper()
              .prepare(target.url(), settings.timeout(), settings.http(), settings.bodySizeLimit());
    }
    return request;
  }

  /**
   * The timestamp for a scrape starting at {@code now}: aligned to the schedule when close to it,
   * unless that would not move past the last scrape (a scrape by hand right after a tick).
   */
  private long scrapeTimestamp(long now) {
    long aligned = aligner.align(now);
    return aligned > lastTimestamp ? aligned : now;
  }

  private void report(long start, Duration took, HttpScraper.Body body, Throwable err) {
    synchronized (lock) {
      if (stopped) {
        return; // Removed or shutting down while the request was out: drop the result.
      }
      String error = null;
      Map<String, MetricMetadata> parsedMetadata = null;
      ScrapedSamples scraped = null;
      if (err != null) {
        Throwable cause =
            err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        error = cause.getMessage();
      } else {
        scraped = SCRAPED.get();
        seriesCache.beginScrape();
        try {
          // Samples come back with the target's labels merged in, from the cache when known.
          parsedMetadata =
              TextFormatParser.parse(
                  body.bytes(), body.length(), body.format(), seriesCache, scraped);
          seriesCache.endScrape();
        } catch (ParseException e) {
          error = e.getMessage();
          scraped.clear(); // what parsed before the error is not appended
        }
      }
      Appender app = services.storage().appender();
      try {
        if (parsedMetadata != null) {
          appendScraped(app, scraped, start, took);
        } else {
          appendFailure(app, start, took);
        }
        app.commit();
      } catch (RuntimeException e) {
        app.rollback();
        error = "appending samples: " + e.getMessage();
        logger.log(Level.ERROR, "appending samples of " + target + " failed", e);
      }
      lastTimestamp = Math.max(lastTimestamp, start);
      lastScrape = Instant.ofEpochMilli(start);
      lastDuration = took;
      if (error == null) {
        health = TargetHealth.UP;
        lastError = "";
        metadata = Map.copyOf(parsedMetadata);
      } else {
        health = TargetHealth.DOWN;
        lastError = error;
        failureCount.inc();
        logger.log(Level.DEBUG, () -> "scrape of " + target + " failed: " + lastError);
      }
    }
  }

  private void appendScraped(Appender app, ScrapedSamples scraped, long start, Duration took) {
    int n = scraped.size();
    int added = 0;
    series.begin();
    for (int i = 0; i < n; i++) {
      SeriesCache.Entry e = scraped.series(i);
      boolean ownTimestamp = scraped.hasTimestamp(i) && settings.honorTimestamps();
      long t = ownTimestamp ? scraped.timestamp(i) : start;
      e.ref = append(app, e.ref, e.labels, t, scraped.value(i));
      if (!ownTimestamp && series.track(e)) {
        added++;
      }
    }
    series.end(gone -> append(app, gone, start, StaleNaN.VALUE));
    scraped.clear();
    // No metric relabelling yet, so "post relabeling" equals "scraped".
    appendReport(app, start, 1, took.toNanos() / 1e9, n, n, added);
  }

  private void appendFailure(Appender app, long start, Duration took) {
    series.clear(gone -> append(app, gone, start, StaleNaN.VALUE));
    appendReport(app, start, 0, took.toNanos() / 1e9, 0, 0, 0);
  }

  private void appendReport(Appender app, long t, double... values) {
    for (int i = 0; i < REPORT_SERIES.length; i++) {
      reportRefs[i] = append(app, reportRefs[i], reportLabels[i], t, values[i]);
    }
  }

  private void append(Appender app, Labels labels, long t, double v) {
    append(app, Appender.NO_REF, labels, t, v);
  }

  /** Appends by ref (see {@link Appender#append(long, Labels, long, double)}); the ref to keep. */
  private long append(Appender app, long ref, Labels labels, long t, double v) {
    try {
      return app.append(ref, labels, t, v);
    } catch (SampleRejectedException e) {
      services.metrics().rejected(e.reason());
      return ref;
    }
  }

  /**
   * Stops the loop. With {@code staleMarkers} (the target was removed) every series it wrote,
   * synthetic ones included, gets a stale marker; on shutdown we write none, so a restarted server
   * continues the series seamlessly, as Prometheus does.
   */
  void stop(boolean staleMarkers) {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (schedule != null) {
        schedule.cancel();
      }
      HttpScraper.release(request); // its keep-alive connection
      if (!staleMarkers || lastTimestamp == Long.MIN_VALUE) {
        return;
      }
      long t = Math.max(services.clock().millis(), lastTimestamp + 1);
      Appender app = services.storage().appender();
      series.clear(l -> append(app, l, t, StaleNaN.VALUE));
      for (Labels l : reportLabels) {
        append(app, l, t, StaleNaN.VALUE);
      }
      app.commit();
    }
  }

  /** The target's state for the API. */
  /** What the target last said about its metric families, with the target's labels. */
  TargetMetadata metadata() {
    return new TargetMetadata(target.scrapePool(), target.labels(), metadata);
  }

  TargetStatus status() {
    return new TargetStatus(
        target.scrapePool(),
        target.labels(),
        target.discoveredLabels(),
        target.url().toString(),
        health,
        lastError,
        lastScrape,
        lastDuration,
        settings.interval(),
        settings.timeout());
  }
}
