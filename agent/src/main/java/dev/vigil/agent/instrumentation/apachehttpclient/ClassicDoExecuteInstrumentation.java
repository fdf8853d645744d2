package dev.vigil.agent.instrumentation.apachehttpclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.HttpClientBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.net.URIAuthority;

/**
 * Times {@code doExecute(HttpHost, ClassicHttpRequest, HttpContext)} of one classic HttpClient 5
 * class: every public {@code execute} of {@code CloseableHttpClient} (with or without a response
 * handler) calls it exactly once per request, redirects and retries included, and it returns when
 * the response headers are in. The time a response handler then spends reading the body is not
 * included, as for {@code HttpURLConnection}.
 */
final class ClassicDoExecuteInstrumentation extends NamedTypeInstrumentation {

  /** Instruments the {@code doExecute} declared by the class named {@code clientClass}. */
  ClassicDoExecuteInstrumentation(String clientClass) {
    super(clientClass);
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(DoExecuteAdvice.class).on(named("doExecute").and(takesArguments(3))));
  }

  /**
   * Inlined into the client class: may call only HttpClient 5, JDK and bootstrap types. Parameters
   * are {@code Object} because Byte Buddy reads advice signatures in the agent's class loader,
   * which has no HttpClient; the casts in the body resolve in the app's.
   */
  static final class DoExecuteAdvice {

    private DoExecuteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
      return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.Argument(0) Object target,
        @Advice.Argument(1) Object httpRequest,
        @Advice.Return Object response,
        @Advice.Thrown Throwable thrown) {
      HttpRequest request = (HttpRequest) httpRequest;
      String host = null;
      if (target != null) {
        host = ((HttpHost) target).getHostName();
      } else {
        // execute(request) without a target: the request's absolute URI named the host.
        URIAuthority authority = request.getAuthority();
        host = authority == null ? null : authority.getHostName();
      }
      int status = response == null ? -1 : ((HttpResponse) response).getCode();
      HttpClientBridge.record(start, request.getMethod(), host, status, thrown);
    }
  }
}
