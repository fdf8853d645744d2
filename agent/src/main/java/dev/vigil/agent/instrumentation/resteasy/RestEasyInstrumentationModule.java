package dev.vigil.agent.instrumentation.resteasy;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * JAX-RS route templates for requests RESTEasy Classic (6.x, {@code jakarta.ws.rs}) serves through
 * its servlet dispatcher: the {@code uri} of {@code http_server_requests_seconds} becomes the
 * resource method's {@code @Path} template, and {@code exception} names what RESTEasy answered
 * itself (e.g. with its default 500). It applies only where the app has RESTEasy's core: its
 * invoker and dispatcher classes are matched by name.
 */
public final class RestEasyInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "resteasy";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new ResourceMethodInvokerInstrumentation(),
        new ResourceLocatorInvokerInstrumentation(),
        new WriteExceptionInstrumentation());
  }
}
