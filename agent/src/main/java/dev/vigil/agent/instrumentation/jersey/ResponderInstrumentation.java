package dev.vigil.agent.instrumentation.jersey;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.servlet.ServletRoute;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import org.glassfish.jersey.server.internal.process.MappableException;
import org.glassfish.jersey.server.internal.process.RequestProcessingContext;

/**
 * Hooks Jersey's {@code ServerRuntime.Responder.process(Throwable)}, where every exception of a
 * request goes to be mapped to a response (by the app's {@code ExceptionMapper}, or by Jersey for a
 * {@code WebApplicationException} such as the {@code NotFoundException} of an unmatched path). It
 * leaves the exception, unwrapped from Jersey's {@code MappableException}, in the request property
 * {@link ServletRoute#AGENT_EXCEPTION}; Jersey's servlet keeps request properties in the servlet
 * request, where the servlet advice reads it when the request ends.
 *
 * <p>Why: an exception a mapper handled never escapes Jersey's servlet, so the request would have
 * {@code exception="none"}; Micrometer's Jersey listener names it (except for 404 and 3xx answers,
 * a rule {@code ServletRoute#answeredException} applies). An exception no mapper handles escapes
 * and is named by the servlet advice as before.
 */
final class ResponderInstrumentation extends NamedTypeInstrumentation {

  ResponderInstrumentation() {
    super("org.glassfish.jersey.server.ServerRuntime$Responder");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(ProcessAdvice.class)
            .on(
                named("process")
                    .and(takesArguments(1))
                    .and(takesArgument(0, named("java.lang.Throwable")))));
  }

  /**
   * Inlined into Jersey's responder: may call only Jersey, JDK and bootstrap types; {@code Object}
   * parameters for the reason given in {@link ResourceMethodInvokerInstrumentation}.
   */
  static final class ProcessAdvice {

    private ProcessAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(0) Throwable error,
        @Advice.FieldValue("processingContext") Object processingContext) {
      // Jersey wraps what a resource method threw; Micrometer names the cause.
      Throwable answered =
          error instanceof MappableException && error.getCause() != null ? error.getCause() : error;
      ((RequestProcessingContext) processingContext)
          .request()
          .setProperty(ServletRoute.AGENT_EXCEPTION, answered);
    }
  }
}
