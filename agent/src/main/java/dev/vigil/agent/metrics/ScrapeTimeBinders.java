package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.AgentLog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's scrape: binds the binders whose meters only a scrape reads ({@link
 * AgentMeterRegistry#scrapeTimeBinders}: JVM gauges, process and host metrics) right before the
 * first scrape instead of at startup, then scrapes the registry.
 *
 * <p>Why: binding them reads ~100 files under {@code /proc} and {@code /sys} and loads a few
 * hundred classes, about 250 ms of CPU on the startup thread while the application starts on the
 * same cores, and the host values read then are stale (older than their one-second cache) by the
 * time a scraper comes. Bound before the first scrape, the first exposition holds exactly the
 * series it held when they were bound at startup. Binders that must see events from the start
 * (GC listeners) are not deferred.
 */
public final class ScrapeTimeBinders implements Supplier<MetricSnapshots> {

  private final PrometheusMeterRegistry registry;
  private final List<Consumer<PrometheusMeterRegistry>> binders;
  private volatile boolean bound;

  /** Scrapes {@code registry}, calling each of {@code binders} with it once, before the first. */
  public ScrapeTimeBinders(
      PrometheusMeterRegistry registry, List<Consumer<PrometheusMeterRegistry>> binders) {
    this.registry = registry;
    this.binders = List.copyOf(binders);
  }

  @Override
  public MetricSnapshots get() {
    bindIfNeeded();
    return registry.getPrometheusRegistry().scrape();
  }

  /** Binds the deferred binders unless a scrape already did; the endpoint calls it per scrape. */
  public void bindIfNeeded() {
    if (!bound) {
      bindOnce();
    }
  }

  private synchronized void bindOnce() {
    if (bound) {
      return; // a concurrent first scrape bound them while this one waited
    }
    for (Consumer<PrometheusMeterRegistry> binder : binders) {
      try {
        binder.accept(registry);
      } catch (RuntimeException | LinkageError e) {
        // Tried once: the other series are still served, as with a collector that fails.
        AgentLog.warn("could not bind metrics at the first scrape", e);
      }
    }
    bound = true;
  }
}
