package dev.vigil.agent.instrumentation.webflux;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * HTTP server metrics for Spring WebFlux (on Reactor Netty or any other reactive server), with the
 * matched route pattern as {@code uri}. It applies only where the app has Spring's reactive web
 * stack: its exception handling decorator is matched by name.
 */
public final class WebFluxInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "spring-webflux";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ExceptionHandlingWebHandlerInstrumentation());
  }
}
