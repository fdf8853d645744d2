package dev.vigil.agent.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.HttpClientBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Times {@code getResponseWithInterceptorChain} of OkHttp's {@code RealCall}, which both {@code
 * execute()} and an enqueued call's worker run exactly once per call, around the whole interceptor
 * chain (retries, redirects and the app's own interceptors included), until the response headers
 * are in.
 *
 * <p>Why not an interceptor of our own: adding one means changing the app's {@code OkHttpClient}
 * (built by the app, often immutable), and an agent-defined {@code Interceptor} class would have to
 * be injected into the app's class loader. The Kotlin compiler mangles the name of this internal
 * function ({@code getResponseWithInterceptorChain$okhttp}), hence the prefix match.
 */
final class RealCallInstrumentation extends NamedTypeInstrumentation {

  RealCallInstrumentation() {
    super("okhttp3.internal.connection.RealCall");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(InterceptorChainAdvice.class)
            .on(nameStartsWith("getResponseWithInterceptorChain").and(takesArguments(0))));
  }

  /**
   * Inlined into {@code RealCall}: may call only OkHttp, JDK and bootstrap types. Parameters are
   * {@code Object} because Byte Buddy reads advice signatures in the agent's class loader, which
   * has no OkHttp; the casts in the body resolve in the app's.
   */
  static final class InterceptorChainAdvice {

    private InterceptorChainAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
      return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.This Object call,
        @Advice.Return Object response,
        @Advice.Thrown Throwable thrown) {
      Request request = ((Call) call).request();
      int status = response == null ? -1 : ((Response) response).code();
      HttpClientBridge.record(start, request.method(), request.url().host(), status, thrown);
    }
  }
}
