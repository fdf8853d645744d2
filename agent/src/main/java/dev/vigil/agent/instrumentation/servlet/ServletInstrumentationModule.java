package dev.vigil.agent.instrumentation.servlet;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * HTTP server metrics for Servlet 5/6 ({@code jakarta.servlet}) containers, with the route
 * template of Spring MVC when it handles the request. It applies only where the app has the
 * servlet API: it matches {@code jakarta.servlet.http.HttpServlet} and the filter chains and valve
 * of Tomcat and Jetty by name, which exist nowhere else.
 */
public final class ServletInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "servlet";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    // One row per entry point: servlet classes whose public service() takes requests, and the
    // containers' filter chains, which run before them (so filter time and requests a filter
    // answers are counted). Calls nested in one another (a chain calling the servlet, Jersey's
    // override calling on) are counted once, by the outermost.
    return List.of(
        new HttpServletInstrumentation("jakarta.servlet.http.HttpServlet"),
        new HttpServletInstrumentation("org.glassfish.jersey.servlet.ServletContainer"),
        new HttpServletInstrumentation("org.apache.catalina.core.ApplicationFilterChain", "doFilter"),
        // Jetty calls the chain only when filters apply, else the servlet's service() directly.
        new HttpServletInstrumentation(
            "org.eclipse.jetty.ee10.servlet.ServletHandler$Chain", "doFilter"),
        // Undertow too runs its chain only for requests that filters apply to.
        new HttpServletInstrumentation(
            "io.undertow.servlet.handlers.FilterHandler$FilterChainImpl", "doFilter"),
        // Requests Tomcat answers without any chain (404 for an unmapped path).
        new TomcatContextValveInstrumentation());
  }
}
