package dev.vigil.agent.instrumentation.log4j2;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * Counts log4j2 events per level as Micrometer's {@code Log4j2Metrics} does. It applies only
 * where the app has log4j2's core (not just its API): {@code LoggerConfig} is matched by name.
 */
public final class Log4j2InstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "log4j2";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new LoggerConfigInstrumentation());
  }
}
