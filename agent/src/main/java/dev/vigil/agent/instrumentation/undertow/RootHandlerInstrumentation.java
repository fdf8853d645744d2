package dev.vigil.agent.instrumentation.undertow;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.undertow.UndertowBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Notes when an exchange starts: {@code Connectors.executeRootHandler}, through which every
 * connector (HTTP/1.1, HTTP/2, AJP) hands a parsed request to the root handler, attaches the start
 * time to the exchange. A handler that dispatches the exchange to a worker thread passes here
 * again; the first start time stays.
 *
 * <p>Why not {@code HttpHandler.handleRequest}: handlers are the app's classes (often lambdas,
 * which cannot be transformed) and nest, and matching every implementation of an interface needs a
 * hierarchy matcher.
 */
final class RootHandlerInstrumentation extends NamedTypeInstrumentation {

  RootHandlerInstrumentation() {
    super("io.undertow.server.Connectors");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(ExecuteRootHandlerAdvice.class)
            .on(named("executeRootHandler").and(isStatic()).and(takesArguments(2))));
  }

  /**
   * Inlined into {@code Connectors}: may call only Undertow, JDK and bootstrap types. The parameter
   * is {@code Object} because Byte Buddy reads advice signatures in the agent's class loader, which
   * has no Undertow; the casts in the body resolve in the app's.
   */
  static final class ExecuteRootHandlerAdvice {

    private ExecuteRootHandlerAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings("unchecked")
    static void enter(@Advice.Argument(1) Object httpExchange) {
      HttpServerExchange exchange = (HttpServerExchange) httpExchange;
      AttachmentKey<Long> key = (AttachmentKey<Long>) UndertowBridge.startKey(AttachmentKey.class);
      if (exchange.getAttachment(key) == null) {
        exchange.putAttachment(key, System.nanoTime());
      }
    }
  }
}
