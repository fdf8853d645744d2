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
 * Times the public {@code service(ServletRequest, ServletResponse)} of one servlet class: {@code
 * jakarta.servlet.http.HttpServlet}, the entry through which every container (Tomcat, Jetty,
 * Undertow) calls HTTP servlets, and the few widespread servlets that override it instead of the
 * protected {@code service} (Jersey's {@code ServletContainer}).
 *
 * <p>Why this method and not a container's own entry: it is one named method in the servlet API,
 * the same in every container, so one matcher covers them all and never has to parse a class
 * hierarchy. The price: time spent in filters before the servlet is not included, and requests the
 * container or a filter answers without calling any servlet are not counted (see README).
 */
final class HttpServletInstrumentation extends NamedTypeInstrumentation {

  /** Instruments the {@code service} method declared by the class named {@code servletClass}. */
  HttpServletInstrumentation(String servletClass) {
    super(servletClass);
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(ServiceAdvice.class)
            .on(
                named("service")
                    .and(takesArguments(2))
                    .and(takesArgument(0, named("jakarta.servlet.ServletRequest")))));
  }

  /**
   * Inlined into {@code HttpServlet}: may call only servlet, JDK and bootstrap types.
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
