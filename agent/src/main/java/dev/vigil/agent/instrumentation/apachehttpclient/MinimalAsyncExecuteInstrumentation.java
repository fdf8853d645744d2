package dev.vigil.agent.instrumentation.apachehttpclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.HttpClientBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncClientExchangeHandler;
import org.apache.hc.core5.http.nio.RequestChannel;

/**
 * Times {@code execute(AsyncClientExchangeHandler, HandlerFactory, HttpContext)} of one of
 * HttpClient 5's minimal async clients ({@code HttpAsyncClients.createMinimal()}, {@code
 * createHttp2Minimal()}), where every request of the client passes, convenience methods included,
 * until the exchange handler is released (response body included) or fails.
 *
 * <p>Unlike the default client, these have no exec chain whose callback we could wrap, and the
 * request (method, host) only exists once the handler produces it, so the handler itself is wrapped
 * (see {@code ExchangeHandlerCompletion}). No redirects or retries run in these clients.
 */
final class MinimalAsyncExecuteInstrumentation extends NamedTypeInstrumentation {

  /** Instruments the {@code execute} declared by the class named {@code clientClass}. */
  MinimalAsyncExecuteInstrumentation(String clientClass) {
    super(clientClass);
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(ExecuteAdvice.class).on(named("execute").and(takesArguments(3))));
  }

  /**
   * Inlined into the client: may call only HttpClient 5, JDK and bootstrap types; {@code Object}
   * parameters for the reason given in {@link ClassicDoExecuteInstrumentation}.
   */
  static final class ExecuteAdvice {

    private ExecuteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object handler)
        throws NoSuchMethodException {
      // Assigned only once the wrapper exists: a failure leaves the app's handler in place.
      handler =
          HttpClientBridge.recordOnExchangeHandler(
              AsyncClientExchangeHandler.class,
              RequestChannel.class,
              HttpRequest.class,
              HttpResponse.class,
              handler,
              System.nanoTime());
    }
  }
}
