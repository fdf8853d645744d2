package dev.vigil.agent.instrumentation.webflux;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.reactive.ReactiveRequestCompletion;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Times {@code ExceptionHandlingWebHandler.handle(ServerWebExchange)}, which Spring's {@code
 * WebHttpHandlerBuilder} puts around every reactive app's filters and {@code DispatcherHandler}:
 * the first place with the exchange (and so the matched pattern), and the last before the server,
 * so the status is the one the app's exception handlers chose. The returned {@code Mono} is
 * replaced by one that records the request when it terminates.
 *
 * <p>Why not Reactor Netty's own server: it knows no route pattern, and WebFlux also runs on
 * Tomcat, Jetty and Undertow, where this one hook covers it too.
 */
final class ExceptionHandlingWebHandlerInstrumentation extends NamedTypeInstrumentation {

  ExceptionHandlingWebHandlerInstrumentation() {
    super("org.springframework.web.server.handler.ExceptionHandlingWebHandler");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(Advice.to(HandleAdvice.class).on(named("handle").and(takesArguments(1))));
  }

  /**
   * Inlined into the handler: may call only Spring, Reactor, JDK and bootstrap types. Parameters
   * are {@code Object} because Byte Buddy reads advice signatures in the agent's class loader,
   * which has no Spring; the casts in the body resolve in the app's.
   */
  static final class HandleAdvice {

    private HandleAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
      return System.nanoTime();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.Argument(0) Object exchange,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result)
        throws NoSuchMethodException {
      if (!(result instanceof Mono)) {
        return;
      }
      ReactiveRequestCompletion completion =
          ReactiveRequestCompletion.of(
              start,
              ((ServerWebExchange) exchange).getRequest().getMethod().name(),
              exchange,
              ServerWebExchange.class,
              ServerHttpResponse.class);
      Consumer errors = completion.errors();
      Consumer onFinally = completion;
      result = ((Mono<?>) result).doOnError(errors).doFinally(onFinally);
    }
  }
}
