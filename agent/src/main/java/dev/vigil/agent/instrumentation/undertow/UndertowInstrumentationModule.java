package dev.vigil.agent.instrumentation.undertow;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * HTTP server metrics for Undertow's own handlers ({@code Undertow.builder().setHandler(...)}, no
 * servlet), with the template of a {@code RoutingHandler} or {@code PathTemplateHandler} as {@code
 * uri}. Exchanges served by Undertow's servlet layer are left to the {@code servlet} module. It
 * applies only where the app has Undertow's core: both types are matched by name.
 */
public final class UndertowInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "undertow";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new RootHandlerInstrumentation(), new ExchangeCompletionInstrumentation());
  }
}
