package dev.vigil.agent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.servlet.ServletBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Counts the requests Tomcat answers itself, without running a filter chain: inside a web app
 * ({@code StandardContextValve}) above all the 404 for a path no servlet is mapped to (an app
 * without a default servlet), and outside every web app ({@code StandardHostValve}) the 404 for a
 * path no context is deployed at.
 *
 * <p>Why the valves and not {@code CoyoteAdapter.service}: they are where Tomcat gives up on a
 * request (no context, no servlet, a protected {@code WEB-INF} path, an unavailable servlet), they
 * run on the thread that then runs the filter chain, and their arguments are already servlet
 * requests. The filter chain's own timing stays as it is; this advice records only when no chain
 * or servlet ran (see {@link ServletBridge#containerExit}), and the host's valve, around the
 * context's, finds the flag already cleared by the inner one, so a request is counted once. Like
 * Micrometer's rule for a 404 without a route, both become {@code uri="NOT_FOUND"}. Requests the
 * connector rejects before the valves (a malformed request line or URI: 400) are not counted.
 */
final class TomcatContextValveInstrumentation extends NamedTypeInstrumentation {

  TomcatContextValveInstrumentation() {
    super(
        "org.apache.catalina.core.StandardContextValve",
        "org.apache.catalina.core.StandardHostValve");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(InvokeAdvice.class)
            .on(
                named("invoke")
                    .and(takesArguments(2))
                    .and(takesArgument(0, named("org.apache.catalina.connector.Request")))));
  }

  /**
   * Inlined into Tomcat's valve: may call only servlet, JDK and bootstrap types (Tomcat's request
   * and response implement the servlet interfaces, and the agent does not compile against Tomcat);
   * arguments typed {@code Object} for the reason given in {@link HttpServletInstrumentation}.
   */
  static final class InvokeAdvice {

    private InvokeAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.Argument(0) Object request) {
      return ServletBridge.containerEnter(
          ((HttpServletRequest) request).getDispatcherType() == DispatcherType.REQUEST);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.Argument(0) Object containerRequest,
        @Advice.Argument(1) Object containerResponse,
        @Advice.Thrown Throwable thrown) {
      if (!ServletBridge.containerExit(start)) {
        return;
      }
      HttpServletRequest request = (HttpServletRequest) containerRequest;
      HttpServletResponse response = (HttpServletResponse) containerResponse;
      int status = thrown != null && !response.isCommitted() ? 500 : response.getStatus();
      // No servlet took the request, so no mapping names it: the route is NOT_FOUND for the 404
      // of an unmapped path, else UNKNOWN (e.g. 503 for an unavailable servlet).
      ServletBridge.record(start, request.getMethod(), null, null, status, thrown);
    }
  }
}
