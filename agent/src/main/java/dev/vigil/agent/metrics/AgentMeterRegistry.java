package dev.vigil.agent.metrics;

import dev.vigil.metrics.host.HostMetrics;
import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.metrics.jvm.JvmMetrics;
import dev.vigil.metrics.log.DebugLog;
import dev.vigil.metrics.process.ProcessStatusMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the agent's own Prometheus registry: Micrometer names, every series labelled with the
 * application, the shared JVM, process and (optionally) host binders bound, at once or (the
 * agent's way) the event listeners at once and the rest right before the first scrape.
 *
 * <p>The registry is private to the agent's class loader; an application that has its own
 * Micrometer keeps its own registries and global registry untouched.
 */
public final class AgentMeterRegistry {

  /** The common tag that the "JVM (Micrometer)" dashboard selects by. */
  static final String APPLICATION_TAG = "application";

  /** The optional common tag naming this JVM when something other than Prometheus scrapes it. */
  static final String INSTANCE_TAG = "instance";

  private AgentMeterRegistry() {}

  /** A registry with {@code application=<application>} on every series, host metrics included. */
  public static PrometheusMeterRegistry create(String application) {
    return create(application, true);
  }

  /**
   * A registry with {@code application=<application>} on every series, JVM and process metrics
   * bound, and host metrics under node_exporter's names when {@code hostMetrics} is set.
   */
  public static PrometheusMeterRegistry create(String application, boolean hostMetrics) {
    return create(application, null, hostMetrics);
  }

  /**
   * Like {@link #create(String, boolean)}, with {@code instance=<instance>} on every series too
   * unless {@code instance} is null.
   */
  public static PrometheusMeterRegistry create(
      String application, String instance, boolean hostMetrics) {
    PrometheusMeterRegistry registry = createForStartup(application, instance);
    for (Consumer<PrometheusMeterRegistry> binder : scrapeTimeBinders(hostMetrics)) {
      binder.accept(registry);
    }
    return registry;
  }

  /**
   * The agent's registry as its startup thread makes it: tagged, with only the binders that must
   * see events from the start (GC) bound; {@link #scrapeTimeBinders} binds the rest, which the
   * agent calls right before the first scrape (see {@link ScrapeTimeBinders}).
   */
  public static PrometheusMeterRegistry createForStartup(String application, String instance) {
    // The shared binders log through System.Logger, whose first use would initialise JUL's
    // LogManager before an application server installs its own (as MicrometerLogging explains).
    DebugLog.redirect(AgentMeterRegistry::agentDebug);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Before binding: Micrometer applies common tags to meters registered after the call only.
    registry.config().commonTags(APPLICATION_TAG, application);
    if (instance != null) {
      // Off by default: Prometheus sets instance to the scraped target, and a scraped instance
      // label would be renamed to exported_instance (unless honor_labels is on).
      registry.config().commonTags(INSTANCE_TAG, instance);
    }
    // Never closed: its GC listeners live as long as the JVM, like the registry.
    new JvmMetrics().bindEventListeners(registry);
    return registry;
  }

  /**
   * The binders whose meters only read state when scraped: the JVM's gauges, process metrics and,
   * when {@code hostMetrics} is set, the host metrics. Method references, so that their classes
   * load only when they are bound.
   */
  public static List<Consumer<PrometheusMeterRegistry>> scrapeTimeBinders(boolean hostMetrics) {
    List<Consumer<PrometheusMeterRegistry>> binders = new ArrayList<>();
    binders.add(AgentMeterRegistry::bindJvmGauges);
    binders.add(AgentMeterRegistry::bindProcessMetrics);
    if (hostMetrics) {
      binders.add(AgentMeterRegistry::bindHostMetrics);
    }
    return binders;
  }

  private static void bindJvmGauges(PrometheusMeterRegistry registry) {
    new JvmMetrics().bindReadOnScrape(registry);
  }

  private static void bindProcessMetrics(PrometheusMeterRegistry registry) {
    new ProcessStatusMetrics().bindTo(registry);
  }

  /**
   * Binds host metrics under node_exporter's names to a registry made by {@link #create(String,
   * String, boolean)} without them.
   */
  public static void bindHostMetrics(PrometheusMeterRegistry registry) {
    // Never closed: the meters live as long as the JVM, like the registry itself. Host series
    // carry the application label too, which node_exporter's lack; dashboards select by
    // job/instance, so the extra label is harmless.
    new HostMetrics().bindTo(registry);
  }

  private static void agentDebug(String logger, Supplier<String> message) {
    if (AgentLog.isDebug()) {
      AgentLog.debug(logger + ": " + message.get());
    }
  }
}
