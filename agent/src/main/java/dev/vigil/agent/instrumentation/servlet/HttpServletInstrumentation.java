package dev.vigil.agent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.servlet.ServletBridge;
import dev.vigil.agent.bootstrap.servlet.ServletRoute;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Times the entry of a request into a servlet app: the public {@code service(ServletRequest,
 * ServletResponse)} of {@code jakarta.servlet.http.HttpServlet} (and of the few widespread servlets
 * that override it, such as Jersey's {@code ServletContainer}), or the {@code doFilter} of a
 * container's filter chain (Tomcat, Jetty, Undertow), which runs the filters before the servlet.
 *
 * <p>Why both: {@code HttpServlet.service} is one named method in the servlet API, the same in
 * every container, but a filter answering the request (a security filter's 401) never reaches it,
 * and filter time is outside it. The chain's {@code doFilter} takes the same two arguments, so the
 * same advice times it; where both run, the chain's outer call is the timed one and the servlet's
 * is nested in it, so a request is still counted once.
 */
final class HttpServletInstrumentation extends NamedTypeInstrumentation {

  private final String methodName;

  /** Instruments the {@code service} method declared by the class named {@code servletClass}. */
  HttpServletInstrumentation(String servletClass) {
    this(servletClass, "service");
  }

  /**
   * Instruments the method {@code methodName(ServletRequest, ServletResponse)} declared by the
   * class named {@code className}.
   */
  HttpServletInstrumentation(String className, String methodName) {
    super(className);
    this.methodName = methodName;
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(ServiceAdvice.class)
            .on(
                named(methodName)
                    .and(takesArguments(2))
                    .and(takesArgument(0, named("jakarta.servlet.ServletRequest")))));
  }

  /**
   * Inlined into {@code HttpServlet} and filter chains: may call only servlet, JDK and bootstrap
   * types.
   *
   * <p>Parameters are typed {@code Object} and cast in the body: Byte Buddy reads this class's
   * method signatures by reflection in the agent's class loader, which has no servlet API, and only
   * the inlined body is resolved against the app's.
   */
  static final class ServiceAdvice {

    private ServiceAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.Argument(0) Object request) {
      return ServletBridge.enter(
          ((ServletRequest) request).getDispatcherType() == DispatcherType.REQUEST);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.Argument(0) Object servletRequest,
        @Advice.Argument(1) Object servletResponse,
        @Advice.Thrown Throwable thrown)
        throws ReflectiveOperationException {
      if (!ServletBridge.exit(start)
          || !(servletRequest instanceof HttpServletRequest)
          || !(servletResponse instanceof HttpServletResponse)) {
        return;
      }
      HttpServletRequest request = (HttpServletRequest) servletRequest;
      HttpServletResponse response = (HttpServletResponse) servletResponse;
      Object template = request.getAttribute(ServletRoute.SPRING_MVC_PATTERN);
      if (template == null) {
        template = request.getAttribute(ServletRoute.AGENT_ROUTE);
      }
      HttpServletMapping mapping = request.getHttpServletMapping();
      String servletPattern = mapping == null ? null : mapping.getPattern();
      if (request.isAsyncStarted()) {
        // The response is not finished yet: time it to the container's completion.
        Object listener =
            ServletBridge.asyncListener(
                AsyncListener.class,
                HttpServletResponse.class,
                response,
                start,
                request.getMethod(),
                template,
                servletPattern);
        request.getAsyncContext().addListener((AsyncListener) listener);
        return;
      }
      // Frameworks wrap what the handler threw (Spring MVC in a ServletException): name the cause.
      Throwable error =
          thrown instanceof ServletException && thrown.getCause() != null
              ? thrown.getCause()
              : thrown;
      // An escaping exception is answered with 500 by the container after we return, unless the
      // response was already sent; Spring's own observation filter counts it as 500 too.
      int status = thrown != null && !response.isCommitted() ? 500 : response.getStatus();
      if (error == null) {
        // A framework that answered an exception itself (Jersey, RESTEasy) left it for us.
        error =
            ServletRoute.answeredException(
                request.getAttribute(ServletRoute.AGENT_EXCEPTION), status);
      }
      ServletBridge.record(start, request.getMethod(), template, servletPattern, status, error);
    }
  }
}
