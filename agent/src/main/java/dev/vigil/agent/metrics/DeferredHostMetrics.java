package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.AgentLog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Supplier;

/**
 * Serves the agent registry's snapshots to the endpoint, binding the host metrics on the first
 * scrape instead of at startup.
 *
 * <p>Binding them reads dozens of {@code /proc} and {@code /sys} files and loads the collectors'
 * classes, about a fifth of the agent's startup CPU, at the moment the application itself starts.
 * Nothing reads those meters before the first scrape, and that scrape still carries them: they are
 * bound before it is taken. The cost moves to the first scrape, which Prometheus does not time
 * against anything but its scrape timeout.
 */
public final class DeferredHostMetrics implements Supplier<MetricSnapshots> {

  private final PrometheusMeterRegistry registry;
  private volatile boolean bound;

  /** Binds host metrics to {@code registry} on the first {@link #get()}. */
  public DeferredHostMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public MetricSnapshots get() {
    if (!bound) {
      bindOnce();
    }
    return registry.getPrometheusRegistry().scrape();
  }

  private synchronized void bindOnce() {
    if (bound) {
      return;
    }
    try {
      AgentMeterRegistry.bindHostMetrics(registry);
    } catch (Throwable t) {
      // Tried once only: JVM and application metrics are served without them.
      AgentLog.warn("host metrics not available", t);
    } finally {
      bound = true;
    }
  }
}
