package dev.vigil.metrics.host;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The host metrics bound to one registry: refreshes all collectors at most once per cache period,
 * triggered by the first meter read of a scrape, and serves every meter from that one refresh.
 *
 * <p>Refreshing on read (rather than on a timer thread) keeps values as fresh as node_exporter's,
 * costs nothing when nobody scrapes, and lets series appear and disappear between scrapes.
 */
final class HostMeterBinding implements AutoCloseable {

  /**
   * Micrometer holds FunctionCounter state objects only weakly, and callers often write {@code new
   * HostMetrics().bindTo(registry)} without keeping the binder; this set keeps bindings alive until
   * {@link #close()}, as long as their meters are in a registry.
   */
  private static final Set<HostMeterBinding> LIVE = ConcurrentHashMap.newKeySet();

  private static final MetricDef COLLECTOR_SUCCESS =
      MetricDef.gauge(
          "node_scrape_collector_success", "node_exporter: Whether a collector succeeded.");
  private static final MetricDef COLLECTOR_DURATION =
      MetricDef.gauge(
          "node_scrape_collector_duration_seconds",
          "node_exporter: Duration of a collector scrape.");

  /**
   * A collector with the node_exporter name it is switched by, and the keys of its own two series
   * ({@code node_scrape_collector_*{collector="<name>"}}), built once rather than per refresh.
   */
  record Named(String name, HostCollector collector, SeriesKey successKey, SeriesKey durationKey) {

    Named(String name, HostCollector collector) {
      this(name, collector, key(COLLECTOR_SUCCESS, name), key(COLLECTOR_DURATION, name));
    }

    private static SeriesKey key(MetricDef def, String name) {
      return new SeriesKey(def.name(), Tags.of("collector", name));
    }
  }

  private final List<Named> collectors;
  private final HostPaths paths;
  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private final OnceLogger log = new OnceLogger();
  private final MeterSync sync;
  private final Object lock = new Object();

  /** The file read buffer, reused by every refresh (refreshes hold {@link #lock}). */
  private byte[] readBuffer = new byte[CollectContext.READ_BUFFER];

  /** Paths that failed to read, skipped until re-checked (refreshes hold {@link #lock}). */
  private final UnreadablePaths unreadable;

  /** Samples of the last refresh: the next one's list starts at that size (refreshes hold lock). */
  private int lastSampleCount = 64;

  private volatile Map<SeriesKey, Double> values = Map.of();
  private volatile long refreshedAt;
  private volatile boolean fresh;
  private boolean closed;

  HostMeterBinding(
      MeterRegistry registry,
      List<Named> collectors,
      HostPaths paths,
      long ttlNanos,
      LongSupplier nanoClock) {
    this.collectors = List.copyOf(collectors);
    this.paths = paths;
    this.ttlNanos = ttlNanos;
    this.nanoClock = nanoClock;
    this.unreadable = new UnreadablePaths(nanoClock);
    this.sync = new MeterSync(registry, this::read, log);
  }

  /** Registers the meters for everything present now. */
  void start() {
    LIVE.add(this);
    refresh();
  }

  /** The value of a series; triggers a refresh when the cached one is older than the TTL. */
  double read(SeriesKey key) {
    refreshIfStale();
    Double value = values.get(key);
    return value == null ? Double.NaN : value;
  }

  /** Forgets the cached values so the next read re-reads the files. */
  void invalidate() {
    fresh = false;
  }

  void refresh() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      CollectContext context = new CollectContext(paths, log, readBuffer, unreadable);
      List<Sample> all = new ArrayList<>(lastSampleCount);
      for (Named named : collectors) {
        runCollector(named, context, all);
      }
      lastSampleCount = all.size();
      readBuffer = context.buffer();
      Map<SeriesKey, Double> next = new HashMap<>(2 * all.size());
      for (Sample sample : all) {
        next.putIfAbsent(sample.key(), sample.value());
      }
      // Publish values before registering, so a meter never reads a series it does not know yet.
      values = next;
      sync.apply(all, next.keySet());
      refreshedAt = nanoClock.getAsLong();
      fresh = true;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      sync.removeAll();
      values = Map.of();
    }
    for (Named named : collectors) {
      named.collector().close();
    }
    LIVE.remove(this);
  }

  private void refreshIfStale() {
    if (fresh && nanoClock.getAsLong() - refreshedAt < ttlNanos) {
      return;
    }
    synchronized (lock) {
      if (fresh && nanoClock.getAsLong() - refreshedAt < ttlNanos) {
        return; // another scrape thread refreshed while this one waited
      }
      refresh();
    }
  }

  /** Runs one collector and appends its samples, then its success and duration, to {@code all}. */
  private void runCollector(Named named, CollectContext context, List<Sample> all) {
    String name = named.name();
    SampleSink sink =
        new SampleSink(reason -> log.debug("name:" + reason, () -> name + ": skipped " + reason));
    long start = System.nanoTime();
    boolean ok;
    try {
      named.collector().collect(context, sink);
      ok = true;
    } catch (RuntimeException e) {
      // A bug or a file shape we never saw must cost this collector's series, not the scrape.
      log.debug("failed:" + name, () -> "collector " + name + " failed: " + e);
      ok = false;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (ok) {
      all.addAll(sink.samples());
    }
    all.add(new Sample(COLLECTOR_SUCCESS, named.successKey(), ok ? 1 : 0));
    all.add(new Sample(COLLECTOR_DURATION, named.durationKey(), seconds));
  }
}
