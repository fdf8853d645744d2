package dev.vigil.agent.tooling;

import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.agent.bootstrap.AnnotatedMethodBridge;
import dev.vigil.agent.bootstrap.ExecutorBridge;
import dev.vigil.agent.bootstrap.HttpClientBridge;
import dev.vigil.agent.bootstrap.HttpServerBridge;
import dev.vigil.agent.bootstrap.JdbcBridge;
import dev.vigil.agent.bootstrap.LoggingBridge;
import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.exporter.MetricsHttpEndpoint;
import dev.vigil.agent.metrics.AgentMeterRegistry;
import dev.vigil.agent.metrics.AnnotatedMethodMetrics;
import dev.vigil.agent.metrics.ExecutorPoolMetrics;
import dev.vigil.agent.metrics.HttpClientRequestMetrics;
import dev.vigil.agent.metrics.HttpServerRequestMetrics;
import dev.vigil.agent.metrics.JdbcMetrics;
import dev.vigil.agent.metrics.LogEventMetrics;
import dev.vigil.agent.metrics.MicrometerLogging;
import dev.vigil.agent.metrics.ScrapeTimeBinders;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Builds the agent's meter registry with its GC listeners, hands the recorders to the bootstrap
 * bridges and starts the HTTP endpoint: the metrics half of {@link BackgroundStartup}'s work.
 *
 * <p>A class of its own so that the startup thread's class, which premain loads and links, names
 * no Micrometer type: verifying it would otherwise load Micrometer's registry classes in premain,
 * on the application's path.
 */
final class MetricsStartup {

  private MetricsStartup() {}

  /** Starts the registry, recorders and endpoint; throws when the endpoint cannot listen. */
  static MetricsHttpEndpoint start(AgentConfig config, StartupClock clock) {
    // First, before any Micrometer class picks its logger: otherwise it would pick JUL.
    MicrometerLogging.install();
    GcBeforeBinding before = GcBeforeBinding.readIfDebug();
    // Only the GC listeners are bound here; the gauges right before the first scrape
    // (ScrapeTimeBinders says why).
    PrometheusMeterRegistry registry =
        AgentMeterRegistry.createForStartup(config.application(), config.instance());
    if (before != null) {
      AgentLog.debug(before.describe());
    }
    ScrapeTimeBinders scrape =
        new ScrapeTimeBinders(registry, AgentMeterRegistry.scrapeTimeBinders(config.hostMetrics()));
    clock.lap("meter registry");
    HttpServerBridge.setRecorder(new HttpServerRequestMetrics(registry));
    ExecutorBridge.setRecorder(new ExecutorPoolMetrics(registry));
    HttpClientBridge.setRecorder(new HttpClientRequestMetrics(registry));
    JdbcBridge.setRecorder(new JdbcMetrics(registry));
    LoggingBridge.setRecorder(new LogEventMetrics(registry));
    AnnotatedMethodBridge.setRecorder(new AnnotatedMethodMetrics(registry));
    MetricsHttpEndpoint endpoint =
        MetricsHttpEndpoint.start(
            config.host(), config.port(), config.security(), registry, scrape::bindIfNeeded);
    clock.lap("recorders and endpoint");
    return endpoint;
  }
}
