package dev.vigil.agent.tooling;

import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.exporter.MetricsHttpEndpoint;
import dev.vigil.agent.instrumentation.InstrumentationModule;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * Starts everything heavy on a daemon thread after premain has returned, so the application's
 * {@code main} does not wait for Micrometer or Byte Buddy to load: the registry and GC listeners,
 * the recorders, the HTTP endpoint, then the instrumentation.
 *
 * <p>By default ({@code vigil.instrumentation.install=idle}) the thread first waits for the
 * application's start-up burst to pass ({@link StartupBurstWait}, at most 5 s) and only then does
 * any of that: on a machine whose cores the application's start keeps busy, the registry's class
 * loading and JIT work alone delayed the first answer by ~200 ms. The price: the endpoint answers
 * only after the wait, and GC pauses before the listeners are bound are not in {@code
 * jvm_gc_pause_seconds} (as in any Micrometer app whose registry starts after its first
 * collections; {@link GcBeforeBinding} prints them in debug mode). Installing the instrumentation
 * late is safe because it uses retransformation: classes the application loaded in the meantime
 * are transformed too; requests seen before that are not counted. With {@code
 * vigil.instrumentation.install=immediate} everything runs at once and premain waits for it, so
 * that the application's first requests are counted.
 */
final class BackgroundStartup implements Runnable {

  private final Instrumentation instrumentation;
  private final AgentConfig config;
  private final List<InstrumentationModule> modules;
  private final long premainNanos;

  private BackgroundStartup(
      Instrumentation instrumentation,
      AgentConfig config,
      List<InstrumentationModule> modules,
      long premainNanos) {
    this.instrumentation = instrumentation;
    this.config = config;
    this.modules = modules;
    this.premainNanos = premainNanos;
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
        new Thread(
            new BackgroundStartup(instrumentation, config, modules, System.nanoTime()),
            "vigil-agent-startup");
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
    if (config.installImmediately()) {
      AgentLog.debug("starting the agent before main (immediate)");
    } else {
      // Before anything that loads classes or spins lambdas: the wait is what keeps the agent's
      // start off the cores the application's own start needs.
      AgentLog.debug(StartupBurstWait.await());
      clock.lap("sampling while waiting");
    }
    MetricsHttpEndpoint endpoint;
    try {
      endpoint = MetricsStartup.start(config, clock);
    } catch (Throwable t) {
      // Also when the port is taken, which by default shows only now, up to ~5 s after premain:
      // still the one stderr line, and the application runs on.
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
            + "/metrics, bound "
            + (System.nanoTime() - premainNanos) / 1_000_000
            + " ms after premain");
    try {
      AgentInstaller.install(instrumentation, modules, clock);
    } catch (Throwable t) {
      // JVM metrics are still served; only the application metrics are missing.
      AgentLog.warn("instrumentation not installed", t);
    }
  }
}
