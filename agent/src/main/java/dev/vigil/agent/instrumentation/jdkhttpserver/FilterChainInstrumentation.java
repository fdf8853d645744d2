package dev.vigil.agent.instrumentation.jdkhttpserver;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.sun.net.httpserver.HttpExchange;
import dev.vigil.agent.bootstrap.HttpServerBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Times {@code Filter.Chain.doFilter}, through which the JDK server passes every request: first for
 * the user's filters, then for its own and the handler.
 *
 * <p>Why the chain and not {@code HttpHandler.handle}: handlers are often lambdas, whose hidden
 * classes cannot be transformed, and a handler-level hook would miss the time spent in filters.
 * {@code Filter.Chain} is public API, so its name is stable across JDK versions.
 */
final class FilterChainInstrumentation extends NamedTypeInstrumentation {

  FilterChainInstrumentation() {
    super("com.sun.net.httpserver.Filter$Chain");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(DoFilterAdvice.class).on(named("doFilter").and(takesArguments(1))));
  }

  /** Inlined into {@code Filter.Chain}: may call only JDK types and the bootstrap bridge. */
  static final class DoFilterAdvice {

    private DoFilterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
      return HttpServerBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.Argument(0) HttpExchange exchange,
        @Advice.Thrown Throwable thrown) {
      if (HttpServerBridge.exit(start)) {
        // The context path, not the request path: contexts are declared in code, so the label
        // stays bounded however many distinct URLs clients send.
        HttpServerBridge.record(
            start,
            exchange.getHttpContext().getHandler(),
            exchange.getRequestMethod(),
            exchange.getHttpContext().getPath(),
            exchange.getResponseCode(),
            thrown);
      }
    }
  }
}
