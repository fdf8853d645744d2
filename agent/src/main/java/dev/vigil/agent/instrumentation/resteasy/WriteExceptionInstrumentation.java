package dev.vigil.agent.instrumentation.resteasy;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.servlet.ServletRoute;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import org.jboss.resteasy.spi.ApplicationException;
import org.jboss.resteasy.spi.HttpRequest;

/**
 * Hooks RESTEasy's {@code SynchronousDispatcher.writeException}, through which every exception
 * RESTEasy turns into a response passes (one the app's {@code ExceptionMapper} handles, one its
 * built-in default mapper answers with 500, a {@code WebApplicationException}, the {@code
 * NotFoundException} of an unmatched path). It leaves the exception, unwrapped from RESTEasy's
 * {@code ApplicationException}, in the request attribute {@link ServletRoute#AGENT_EXCEPTION},
 * which the servlet advice reads when the request ends.
 *
 * <p>Why: RESTEasy answers these itself, so no exception escapes the servlet, and without this hook
 * the request would have {@code exception="none"}. Which answers then name the exception follows
 * Micrometer's JAX-RS (Jersey) tags: all but 404 and 3xx answers (see {@code
 * ServletRoute#answeredException}).
 */
final class WriteExceptionInstrumentation extends NamedTypeInstrumentation {

  WriteExceptionInstrumentation() {
    super("org.jboss.resteasy.core.SynchronousDispatcher");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    // The three-argument overload delegates to this one; the asynchronous paths call it as well.
    return builder.visit(
        Advice.to(WriteExceptionAdvice.class)
            .on(
                named("writeException")
                    .and(takesArguments(4))
                    .and(takesArgument(0, named("org.jboss.resteasy.spi.HttpRequest")))));
  }

  /**
   * Inlined into RESTEasy's dispatcher: may call only RESTEasy, JDK and bootstrap types; {@code
   * Object} parameters for the reason given in {@link ResourceMethodInvokerInstrumentation}.
   */
  static final class WriteExceptionAdvice {

    private WriteExceptionAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object request, @Advice.Argument(2) Throwable error) {
      // RESTEasy wraps what a resource method threw; Micrometer names the cause.
      Throwable answered =
          error instanceof ApplicationException && error.getCause() != null
              ? error.getCause()
              : error;
      ((HttpRequest) request).setAttribute(ServletRoute.AGENT_EXCEPTION, answered);
    }
  }
}
