package dev.vigil.agent.instrumentation.urlconnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.HttpClientBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import java.io.InputStream;
import java.net.URL;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Times {@code getInputStream} of the JDK's {@code sun.net.www.protocol.http.HttpURLConnection},
 * where the request is sent and the response headers read; {@code getResponseCode} goes through it
 * too. The https implementation delegates to a subclass of the same class.
 *
 * <p>Only the first call per connection is counted: later calls return the stream or rethrow the
 * failure the first call remembered, which the advice sees in the connection's own fields, so no
 * per-connection state is needed. The time spent writing a request body before that call is not
 * included.
 */
final class GetInputStreamInstrumentation extends NamedTypeInstrumentation {

  GetInputStreamInstrumentation() {
    super("sun.net.www.protocol.http.HttpURLConnection");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(GetInputStreamAdvice.class).on(named("getInputStream").and(takesArguments(0))));
  }

  /** Inlined into the JDK connection class: may call only JDK types and the bootstrap bridge. */
  static final class GetInputStreamAdvice {

    private GetInputStreamAdvice() {}

    /** Returns the start time, or -1 when the connection already has its response. */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(
        @Advice.FieldValue("inputStream") InputStream stream,
        @Advice.FieldValue("rememberedException") Exception remembered) {
      return stream == null && remembered == null ? System.nanoTime() : -1;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.FieldValue("method") String method,
        @Advice.FieldValue("url") URL url,
        @Advice.FieldValue("responseCode") int status,
        @Advice.Thrown Throwable thrown) {
      if (start >= 0) {
        // A 4xx/5xx response makes getInputStream throw, but it is an answer, not a failure.
        HttpClientBridge.record(start, method, url.getHost(), status, status > 0 ? null : thrown);
      }
    }
  }
}
