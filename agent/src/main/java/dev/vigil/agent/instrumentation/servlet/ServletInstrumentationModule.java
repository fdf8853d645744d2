package dev.vigil.agent.instrumentation.servlet;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * HTTP server metrics for Servlet 5/6 ({@code jakarta.servlet}) containers, with the route
 * template of Spring MVC when it handles the request. It applies only where the app has the
 * servlet API: it matches {@code jakarta.servlet.http.HttpServlet} by name, which exists nowhere
 * else.
 */
public final class ServletInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "servlet";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    // One row per servlet class whose public service() is an entry point. Calls nested in one
    // another (Jersey's override calling on) are counted once, by the outermost.
    return List.of(
        new HttpServletInstrumentation("jakarta.servlet.http.HttpServlet"),
        new HttpServletInstrumentation("org.glassfish.jersey.servlet.ServletContainer"));
  }
}
