package dev.vigil.agent.metrics;

import dev.vigil.metrics.jvm.JvmMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Builds the agent's own Prometheus registry: Micrometer names, every series labelled with the
 * application, the shared JVM binders bound.
 *
 * <p>The registry is private to the agent's class loader; an application that has its own
 * Micrometer keeps its own registries and global registry untouched.
 */
public final class AgentMeterRegistry {

  /** The common tag that the "JVM (Micrometer)" dashboard selects by. */
  static final String APPLICATION_TAG = "application";

  private AgentMeterRegistry() {}

  /** A registry with {@code application=<application>} on every series and JVM metrics bound. */
  public static PrometheusMeterRegistry create(String application) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Before binding: Micrometer applies common tags to meters registered after the call only.
    registry.config().commonTags(APPLICATION_TAG, application);
    new JvmMetrics().bindTo(registry);
    return registry;
  }
}
