package dev.vigil.agent.instrumentation.apachehttpclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.HttpClientBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Times {@code executeImmediate} of HttpClient 5's {@code InternalAbstractHttpAsyncClient} (the
 * client of {@code HttpAsyncClients.createDefault()} and {@code custom()}), where every {@code
 * execute} hands the request to the exec chain, until the chain reports the final outcome to its
 * callback (response body included); redirects run inside the chain. A retry the client schedules
 * for later enters again and counts as one more request.
 */
final class AsyncExecuteInstrumentation extends NamedTypeInstrumentation {

  AsyncExecuteInstrumentation() {
    super("org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(ExecuteImmediateAdvice.class)
            .on(named("executeImmediate").and(takesArguments(5))));
  }

  /**
   * Inlined into the async client: may call only HttpClient 5, JDK and bootstrap types; {@code
   * Object} parameters for the reason given in {@link ClassicDoExecuteInstrumentation}.
   */
  static final class ExecuteImmediateAdvice {

    private ExecuteImmediateAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(0) Object request,
        @Advice.Argument(2) Object scope,
        @Advice.Argument(value = 4, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object callback)
        throws NoSuchMethodException {
      HttpHost target = ((AsyncExecChain.Scope) scope).route.getTargetHost();
      // Assigned only once the wrapper exists: a failure leaves the client's callback in place.
      callback =
          HttpClientBridge.recordOnCallback(
              AsyncExecCallback.class,
              HttpResponse.class,
              callback,
              System.nanoTime(),
              ((HttpRequest) request).getMethod(),
              target == null ? null : target.getHostName());
    }
  }
}
