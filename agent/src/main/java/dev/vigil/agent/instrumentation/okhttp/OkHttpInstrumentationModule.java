package dev.vigil.agent.instrumentation.okhttp;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * HTTP client metrics for OkHttp 4 and 5 (synchronous and enqueued calls; 5 kept the internals
 * hooked here). It applies only where the app has OkHttp: its call class is matched by name, which
 * exists nowhere else.
 */
public final class OkHttpInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "okhttp";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new RealCallInstrumentation());
  }
}
