package dev.vigil.agent.instrumentation.logback;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/** Counts Logback events per level as Micrometer's {@code LogbackMetrics} does. */
public final class LogbackInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "logback";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new CallAppendersInstrumentation());
  }
}
