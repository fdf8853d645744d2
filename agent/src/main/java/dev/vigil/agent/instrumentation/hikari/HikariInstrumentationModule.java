package dev.vigil.agent.instrumentation.hikari;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/** HikariCP connection pool gauges under the names of HikariCP's own Micrometer tracker. */
public final class HikariInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "hikaricp";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new HikariPoolInstrumentation());
  }
}
