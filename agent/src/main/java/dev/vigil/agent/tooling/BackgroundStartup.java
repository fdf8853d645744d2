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
import dev.vigil.agent.instrumentation.InstrumentationModule;
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
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * Starts everything heavy on a daemon thread after premain has returned, so the application's
 * {@code main} does not wait for Micrometer or Byte Buddy to load: the registry and JVM binders,
 * the HTTP endpoint, then the instrumentation.
 *
 * <p>Installing the instrumentation late is safe because it uses retransformation: classes the
 * application loaded in the meantime are transformed too. Requests seen before that are simply not
 * counted. By default it is installed later still, once the application's start-up burst has passed
 * ({@link StartupBurstWait}); with {@code vigil.instrumentation.install=immediate} it is installed
 * at once and premain waits for it, so that the application's first requests are counted.
 */
final class BackgroundStartup implements Runnable {

  private final Instrumentation instrumentation;
  private final AgentConfig config;
  private final List<InstrumentationModule> modules;

  private BackgroundStartup(
      Instrumentation instrumentation, AgentConfig config, List<InstrumentationModule> modules) {
    this.instrumentation = instrumentation;
    this.config = config;
    this.modules = modules;
  }

  /**
   * How long premain waits, with {@code immediate}, for the agent to start before letting {@code
   * main} run anyway: an agent that hangs must not hang the application.
   */
  private static final long IMMEDIATE_JOIN_MILLIS = 20_000;

  static void start(
      Instrumentation instrumentation, AgentConfig config, List<InstrumentationModule> modules) {
    // A Runnable class rather than a lambda: called in premain (see AgentStarter).
    Thread thread =
        new Thread(new BackgroundStartup(instrumentation, config, modules), "vigil-agent-startup");
    // Threads inherit daemon status: the HTTP server's dispatcher, created from this thread, is a
    // daemon too, so the agent never keeps a finished application alive.
    thread.setDaemon(true);
    thread.setContextClassLoader(BackgroundStartup.class.getClassLoader());
    thread.start();
    if (config.installImmediately()) {
      // The work stays on the daemon thread (see above); premain only waits for it to end, which
      // it does once the instrumentation is installed.
      try {
        thread.join(IMMEDIATE_JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        AgentLog.warn(
            "instrumentation not installed after "
                + IMMEDIATE_JOIN_MILLIS
                + " ms; the application starts without waiting for it");
      }
    }
  }

  @Override
  public void run() {
    StartupClock clock = StartupClock.start();
    MetricsHttpEndpoint endpoint;
    try {
      // First, before any Micrometer class picks its logger: otherwise it would pick JUL.
      MicrometerLogging.install();
      // Only the GC listeners are bound here; the gauges right before the first scrape
      // (ScrapeTimeBinders says why).
      PrometheusMeterRegistry registry =
          AgentMeterRegistry.createForStartup(config.application(), config.instance());
      ScrapeTimeBinders scrape =
          new ScrapeTimeBinders(
              registry, AgentMeterRegistry.scrapeTimeBinders(config.hostMetrics()));
      clock.lap("meter registry");
      HttpServerBridge.setRecorder(new HttpServerRequestMetrics(registry));
      ExecutorBridge.setRecorder(new ExecutorPoolMetrics(registry));
      HttpClientBridge.setRecorder(new HttpClientRequestMetrics(registry));
      JdbcBridge.setRecorder(new JdbcMetrics(registry));
      LoggingBridge.setRecorder(new LogEventMetrics(registry));
      AnnotatedMethodBridge.setRecorder(new AnnotatedMethodMetrics(registry));
      endpoint =
          MetricsHttpEndpoint.start(
              config.host(),
              config.port(),
              config.security(),
              registry,
              scrape::bindIfNeeded);
      clock.lap("recorders and endpoint");
    } catch (Throwable t) {
      AgentLog.startFailed(t);
      return;
    }
    AgentLog.debug(
        "serving metrics of application '"
            + config.application()
            + "' on "
            + (config.security().tls() ? "https" : "http")
            + "://"
            + config.host()
            + ":"
            + endpoint.port()
            + "/metrics");
    try {
      if (config.installImmediately()) {
        AgentLog.debug("installing the instrumentation before main (immediate)");
      } else if (!modules.isEmpty()) {
        AgentLog.debug(StartupBurstWait.await());
        clock.lap("sampling while waiting");
      }
      AgentInstaller.install(instrumentation, modules, clock);
    } catch (Throwable t) {
      // JVM metrics are still served; only the application metrics are missing.
      AgentLog.warn("instrumentation not installed", t);
    }
  }
}
