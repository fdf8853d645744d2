package dev.vigil.agent.instrumentation.httpclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.HttpClientBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Times the private four-argument {@code sendAsync} of {@code
 * jdk.internal.net.http.HttpClientImpl}, through which both {@code send} and every public {@code
 * sendAsync} pass (JDK 11 to 25), so each request is counted once, until its response (body
 * included) is complete.
 *
 * <p>Why an internal class: {@code HttpClient} is abstract and its public methods are implemented
 * in a facade that only delegates; the implementation is where the two paths meet.
 */
final class HttpClientImplInstrumentation extends NamedTypeInstrumentation {

  HttpClientImplInstrumentation() {
    super("jdk.internal.net.http.HttpClientImpl");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(SendAsyncAdvice.class).on(named("sendAsync").and(takesArguments(4))));
  }

  /** Inlined into {@code HttpClientImpl}: may call only JDK types and the bootstrap bridge. */
  static final class SendAsyncAdvice {

    private SendAsyncAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
      return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.Argument(0) HttpRequest request,
        @Advice.Return CompletableFuture<?> response,
        @Advice.Thrown Throwable thrown) {
      HttpClientBridge.recordWhenDone(
          start, request.method(), request.uri().getHost(), response, thrown);
    }
  }
}
