package dev.vigil.server.scrape;

import dev.vigil.server.config.Config;
import dev.vigil.server.config.ScrapeConfig;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs scraping for a whole config: one {@link ScrapePool} per job, one loop per target, ticked by
 * one {@link ScrapeTimer} thread; plain-http scrapes fetch, parse and append on the scraper's I/O
 * threads, the JDK client's (https, redirects) on a small worker pool. Thread-safe.
 */
public final class ScrapeManager implements AutoCloseable {

  private final ScrapeServices services;
  private final ScrapeTimer scheduler;
  private final ExecutorService workers;
  private final Map<String, ScrapePool> pools = new TreeMap<>();
  private boolean closed;

  /** Prometheus's default for {@code --scrape.timestamp-tolerance}. */
  public static final Duration DEFAULT_TIMESTAMP_TOLERANCE = Duration.ofMillis(2);

  /** A manager that scrapes on schedule, reporting into {@code registry}. */
  public ScrapeManager(Storage storage, TelemetryRegistry registry, String version) {
    this(storage, registry, version, DEFAULT_TIMESTAMP_TOLERANCE);
  }

  /**
   * A manager that scrapes on schedule and stores scrape timestamps within {@code
   * timestampTolerance} of the schedule as the scheduled time (zero turns that off).
   */
  public ScrapeManager(
      Storage storage, TelemetryRegistry registry, String version, Duration timestampTolerance) {
    this(storage, registry, version, Clock.systemUTC(), timestampTolerance, true);
  }

  private ScrapeManager(
      Storage storage,
      TelemetryRegistry registry,
      String version,
      Clock clock,
      Duration timestampTolerance,
      boolean schedule) {
    if (timestampTolerance.isNegative()) {
      throw new IllegalArgumentException(
          "scrape timestamp tolerance must not be negative: " + timestampTolerance);
    }
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    this.workers = Executors.newFixedThreadPool(threads, daemonThreads("vigil-scrape-worker-"));
    if (schedule) {
      this.scheduler = new ScrapeTimer("vigil-scrape-scheduler-1");
    } else {
      this.scheduler = null;
    }
    this.services =
        new ScrapeServices(
            storage,
            new HttpScraper(workers, version),
            scheduler,
            workers,
            clock,
            timestampTolerance,
            new ScrapeMetrics(registry));
  }

  /** A manager that only scrapes when told to ({@link #scrapeNow()}), on the given clock. */
  static ScrapeManager manual(Storage storage, TelemetryRegistry registry, Clock clock) {
    return manual(storage, registry, clock, DEFAULT_TIMESTAMP_TOLERANCE);
  }

  /** Like {@link #manual(Storage, TelemetryRegistry, Clock)} with a timestamp tolerance. */
  static ScrapeManager manual(
      Storage storage, TelemetryRegistry registry, Clock clock, Duration timestampTolerance) {
    return new ScrapeManager(storage, registry, "test", clock, timestampTolerance, false);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Brings scraping in line with {@code config}: new jobs start, removed jobs stop (their series
   * get stale markers), changed jobs sync their targets.
   */
  public synchronized void apply(Config config) {
    if (closed) {
      throw new IllegalStateException("scrape manager is closed");
    }
    Map<String, ScrapeConfig> wanted = new TreeMap<>();
    for (ScrapeConfig sc : config.scrapeConfigs()) {
      wanted.put(sc.jobName(), sc);
    }
    for (var it = pools.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!wanted.containsKey(e.getKey())) {
        e.getValue().stop(true);
        it.remove();
      }
    }
    for (ScrapeConfig sc : wanted.values()) {
      pools.computeIfAbsent(sc.jobName(), job -> new ScrapePool(job, services)).apply(sc);
    }
    // The JDK clients of settings no job has any more (a changed tls_config or proxy_url).
    services.scraper().retainJdkClients(wanted.values().stream().map(ScrapeConfig::http).toList());
    services.metrics().pools.set(pools.size());
  }

  /** How many JDK HTTP clients the scraper holds (tests: reloads drop unused ones). */
  int jdkClientCount() {
    return services.scraper().jdkClientCount();
  }

  /** Every target's state, by job, then by labels. */
  public synchronized List<TargetStatus> targets() {
    List<TargetStatus> out = new ArrayList<>();
    for (ScrapePool pool : pools.values()) {
      List<TargetStatus> ts = pool.targets();
      ts.sort(Comparator.comparing(TargetStatus::labels));
      out.addAll(ts);
    }
    return out;
  }

  /** Every target's last-scraped metric metadata, by job, then by target labels. */
  public synchronized List<TargetMetadata> metadata() {
    List<TargetMetadata> out = new ArrayList<>();
    for (ScrapePool pool : pools.values()) {
      List<TargetMetadata> ms = pool.metadata();
      ms.sort(Comparator.comparing(TargetMetadata::targetLabels));
      out.addAll(ms);
    }
    return out;
  }

  /** Scrapes every target once now; completes when all results are committed. */
  synchronized CompletableFuture<Void> scrapeNow() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (ScrapePool pool : pools.values()) {
      all.add(pool.scrapeNow());
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  /** Stops all scraping without stale markers (a restart continues the series) and the threads. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ScrapePool pool : pools.values()) {
      pool.stop(false);
    }
    pools.clear();
    if (scheduler != null) {
      scheduler.close();
    }
    services.scraper().shutdown();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
