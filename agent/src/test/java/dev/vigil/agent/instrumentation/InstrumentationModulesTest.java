package dev.vigil.agent.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.AgentConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstrumentationModulesTest {

  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  private final InstrumentationModule httpServer = module("jdk-http-server", true);
  private final InstrumentationModule jdbc = module("jdbc", true);
  private final InstrumentationModule executors = module("executors", false);

  private List<String> enabledNames() {
    AgentConfig config = AgentConfig.load(properties, environment);
    return InstrumentationModules.enabled(List.of(httpServer, jdbc, executors), config).stream()
        .map(InstrumentationModule::name)
        .toList();
  }

  @Test
  void enablesModulesThatAreOnByDefault() {
    assertThat(enabledNames()).containsExactly("jdk-http-server", "jdbc");
  }

  @Test
  void switchesModuleOffWithItsProperty() {
    properties.put("vigil.instrumentation.jdk-http-server.enabled", "false");

    assertThat(enabledNames()).containsExactly("jdbc");
  }

  @Test
  void switchesOffByDefaultModuleOnWithItsEnvironmentVariable() {
    environment.put("VIGIL_INSTRUMENTATION_EXECUTORS_ENABLED", "true");

    assertThat(enabledNames()).containsExactly("jdk-http-server", "jdbc", "executors");
  }

  private static InstrumentationModule module(String name, boolean enabledByDefault) {
    return new InstrumentationModule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean enabledByDefault() {
        return enabledByDefault;
      }

      @Override
      public List<TypeInstrumentation> typeInstrumentations() {
        return List.of();
      }
    };
  }
}
