package dev.vigil.agent.instrumentation.jdkhttpserver;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * HTTP server metrics for the JDK's built-in server ({@code com.sun.net.httpserver}), which many
 * small services and tools embed.
 */
public final class JdkHttpServerInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "jdk-http-server";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new FilterChainInstrumentation());
  }
}
