package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.HttpClientRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Records outgoing HTTP requests as Micrometer's {@code http.client.requests} timer with Spring's
 * client tags ({@code method, uri, status, outcome, exception, client.name}).
 *
 * <p>{@code uri} is always {@code none}: an agent never knows the URI template the code expanded,
 * and the raw path would give one series per URL (Spring uses {@code none} in the same case).
 * {@code client.name} is the target host, which is bounded by the services an app calls.
 */
public final class HttpClientRequestMetrics implements HttpClientRecorder {

  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  private static final String NONE = "none";
  private static final String UNKNOWN = "UNKNOWN";

  private final MeterRegistry registry;

  /** Records into {@code registry}. */
  public HttpClientRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void record(String method, String host, int status, Throwable error, long durationNanos) {
    Tags tags =
        Tags.of(
            "method",
            method != null && KNOWN_METHODS.contains(method) ? method : UNKNOWN,
            "uri",
            NONE,
            "status",
            status(status, error),
            "outcome",
            HttpServerRequestMetrics.outcome(status),
            "exception",
            error == null ? NONE : error.getClass().getSimpleName(),
            "client.name",
            host == null || host.isEmpty() ? NONE : host);
    Timer.builder("http.client.requests")
        .description("Duration of outgoing HTTP requests")
        .tags(tags)
        .register(registry)
        .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void recordResponse(
      String method, String host, Object response, Throwable error, long durationNanos) {
    int status = response instanceof HttpResponse<?> r ? r.statusCode() : -1;
    record(method, host, status, error, durationNanos);
  }

  /** Spring's client statuses: the code, IO_ERROR when the exchange failed, else CLIENT_ERROR. */
  private static String status(int status, Throwable error) {
    if (status > 0) {
      return Integer.toString(status);
    }
    return error instanceof IOException ? "IO_ERROR" : "CLIENT_ERROR";
  }
}
