package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.HttpServerRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Records HTTP server requests as Micrometer's {@code http.server.requests} timer with Spring's
 * tags ({@code method, uri, status, outcome, exception}), so dashboards built for Spring Boot apps
 * show agent-instrumented apps too.
 */
public final class HttpServerRequestMetrics implements HttpServerRecorder {

  /** Methods kept as sent; anything else is "UNKNOWN", since clients choose it freely. */
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  private static final String UNKNOWN = "UNKNOWN";

  /** Distinct {@code uri} values kept per app before the rest become {@code OTHER}. */
  static final int MAX_URIS = 100;

  private final UriLimit uris = new UriLimit(MAX_URIS);

  private final MeterRegistry registry;

  /** Records into {@code registry}. */
  public HttpServerRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void record(String method, String route, int status, Throwable error, long durationNanos) {
    Tags tags =
        Tags.of(
            "method",
            KNOWN_METHODS.contains(method) ? method : UNKNOWN,
            "uri",
            uris.apply(route),
            "status",
            status < 0 ? UNKNOWN : Integer.toString(status),
            "outcome",
            outcome(status),
            "exception",
            error == null ? "none" : error.getClass().getSimpleName());
    Timer.builder("http.server.requests")
        .description("Duration of HTTP server request handling")
        .tags(tags)
        .register(registry)
        .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  /** Spring's outcome classes; -1 (no response sent, e.g. the handler threw) is UNKNOWN. */
  static String outcome(int status) {
    if (status >= 100 && status < 200) {
      return "INFORMATIONAL";
    } else if (status >= 200 && status < 300) {
      return "SUCCESS";
    } else if (status >= 300 && status < 400) {
      return "REDIRECTION";
    } else if (status >= 400 && status < 500) {
      return "CLIENT_ERROR";
    } else if (status >= 500 && status < 600) {
      return "SERVER_ERROR";
    }
    return UNKNOWN;
  }
}
