package dev.vigil.agent.instrumentation.jersey;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * JAX-RS route templates for requests Jersey (2.x and 3.x) serves through its servlet: the {@code
 * uri} of {@code http_server_requests_seconds} becomes the matched {@code @Path} template, and
 * {@code exception} names an exception Jersey mapped to a response. It applies only where the app
 * has Jersey's server: its invoker and responder classes are matched by name.
 */
public final class JerseyInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "jersey";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ResourceMethodInvokerInstrumentation(), new ResponderInstrumentation());
  }
}
