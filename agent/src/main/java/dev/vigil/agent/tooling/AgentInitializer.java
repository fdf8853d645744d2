package dev.vigil.agent.tooling;

import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.InstrumentationModules;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * The agent's main routine inside its own class loader: reads and checks the configuration during
 * premain, so a bad setting is reported at once, and leaves the rest to {@link BackgroundStartup}.
 */
public final class AgentInitializer {

  private AgentInitializer() {}

  /**
   * Called reflectively by {@code AgentStarter} during premain.
   *
   * @throws dev.vigil.agent.config.ConfigException when a setting is unusable
   */
  public static void initialize(Instrumentation instrumentation, String agentArgs) {
    AgentConfig config = AgentConfig.fromSystem();
    AgentLog.setDebug(config.debug());
    if (agentArgs != null && !agentArgs.isBlank()) {
      AgentLog.warn(
          "ignoring the agent argument '"
              + agentArgs
              + "': configure the agent with -Dvigil.* properties, VIGIL_* variables or"
              + " -Dvigil.config.file");
    }
    for (String unknown : config.unknownSettings(InstrumentationModules.names())) {
      AgentLog.warn(unknown);
    }
    // Resolved now so that a malformed switch fails startup here rather than on the background
    // thread after the endpoint is already up.
    List<InstrumentationModule> modules = InstrumentationModules.enabled(config);
    BackgroundStartup.start(instrumentation, config, modules);
  }
}
