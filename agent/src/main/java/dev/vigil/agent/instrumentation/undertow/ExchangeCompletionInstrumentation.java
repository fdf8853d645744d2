package dev.vigil.agent.instrumentation.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.undertow.UndertowBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import io.undertow.server.DefaultResponseListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.ExceptionHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.PathTemplateMatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Records an exchange when it ends: {@code HttpServerExchange.invokeExchangeCompleteListeners},
 * which Undertow calls once both the request and the response are done, whether the handler
 * finished on the I/O thread, on a worker or asynchronously. The start time is removed as it is
 * read, so the exchange is recorded once even if the method is called again.
 *
 * <p>Why not a completion listener of our own: it would have to implement Undertow's interface, so
 * be either a class injected into the app's loader or a JDK proxy invoked by reflection per
 * request; advice inlined here reads the exchange with plain calls. Exchanges of Undertow's servlet
 * layer are skipped: the {@code servlet} module times those, with the servlet's route.
 *
 * <p>An exception a handler threw is named, as Micrometer's server observation names an exception
 * that an exception handler resolved: Undertow answers an escaping one with 500 itself, and an
 * {@code ExceptionHandler} answers with what the app chose; both leave it attached.
 */
final class ExchangeCompletionInstrumentation extends NamedTypeInstrumentation {

  ExchangeCompletionInstrumentation() {
    super("io.undertow.server.HttpServerExchange");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(CompleteAdvice.class)
            .on(named("invokeExchangeCompleteListeners").and(takesArguments(0))));
  }

  /** Inlined into {@code HttpServerExchange}: may call only Undertow, JDK and bootstrap types. */
  static final class CompleteAdvice {

    private CompleteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings("unchecked")
    static void enter(@Advice.This Object httpExchange) {
      HttpServerExchange exchange = (HttpServerExchange) httpExchange;
      Long start =
          exchange.removeAttachment(
              (AttachmentKey<Long>) UndertowBridge.startKey(AttachmentKey.class));
      if (start == null) {
        return;
      }
      Object servletKey = UndertowBridge.servletKey(exchange.getClass());
      if (servletKey != null && exchange.getAttachment((AttachmentKey<?>) servletKey) != null) {
        return;
      }
      PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
      // What a handler threw: Undertow attaches it where it answers it with 500 itself
      // (executeRootHandler), an ExceptionHandler where the app's handler answered it.
      Throwable error = exchange.getAttachment(DefaultResponseListener.EXCEPTION);
      if (error == null) {
        error = exchange.getAttachment(ExceptionHandler.THROWABLE);
      }
      UndertowBridge.record(
          start,
          exchange.getRequestMethod().toString(),
          match == null ? null : match.getMatchedTemplate(),
          exchange.getStatusCode(),
          error);
    }
  }
}
