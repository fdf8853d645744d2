package dev.vigil.agent.bootstrap;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/**
 * The bootstrap-side half of startup: creates the {@link AgentClassLoader} over the agent jar and
 * runs {@code dev.vigil.agent.tooling.AgentInitializer} inside it.
 *
 * <p>It is loaded by the bootstrap class loader, so there is exactly one per JVM whichever way the
 * agent was started, which makes it the place to refuse a second start.
 */
public final class AgentStarter {

  private static final String INITIALIZER = "dev.vigil.agent.tooling.AgentInitializer";

  private static boolean started;

  private AgentStarter() {}

  /**
   * Starts the agent from {@code jar}; never throws.
   *
   * <p>This runs inside premain, before {@code main}: it and everything it calls avoid lambdas,
   * streams, regular expressions and {@code String.format}, each of which would first load and
   * initialise a JDK subsystem at the application's expense.
   */
  public static void start(Instrumentation instrumentation, Path jar, String agentArgs) {
    if (!markStarted()) {
      // Two -javaagent flags, or an attach to a JVM that already runs us: the second would only
      // fail to bind the port.
      AgentLog.warn("already running in this JVM; ignoring the second start from " + jar);
      return;
    }
    try {
      AgentClassLoader loader = new AgentClassLoader(jar);
      Class<?> initializer = Class.forName(INITIALIZER, true, loader);
      initializer
          .getMethod("initialize", Instrumentation.class, String.class)
          .invoke(null, instrumentation, agentArgs);
    } catch (InvocationTargetException e) {
      AgentLog.startFailed(e.getCause());
    } catch (Throwable t) {
      AgentLog.startFailed(t);
    }
  }

  private static synchronized boolean markStarted() {
    if (started) {
      return false;
    }
    started = true;
    return true;
  }
}
