package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.HttpServerRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  /**
   * The timer of each tag tuple seen, so that a request costs one map lookup instead of building
   * tags, a meter id and a registry lookup. It holds exactly the registry's timers of this name
   * (bounded by the same caps), and nothing removes those from the registry.
   */
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  /**
   * Per route as the server reported it, the timers of requests that threw nothing, by method and
   * status: the common request costs a lookup by a string that caches its hash and a short scan,
   * and allocates nothing (a {@link Key} per request was the recorder's only garbage). Only routes
   * that {@link #uris} kept and known methods are entered, so clients cannot grow it.
   */
  private final Map<String, MethodStatusTimers> byRoute = new ConcurrentHashMap<>();

  /** Records into {@code registry}. */
  public HttpServerRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void record(String method, String route, int status, Throwable error, long durationNanos) {
    int normalizedStatus = Math.max(status, -1);
    if (error == null && route != null) {
      MethodStatusTimers known = byRoute.get(route);
      Timer timer = known == null ? null : known.find(method, normalizedStatus);
      if (timer != null) {
        timer.record(durationNanos, TimeUnit.NANOSECONDS);
        return;
      }
    }
    String uri = uris.apply(route);
    boolean knownMethod = KNOWN_METHODS.contains(method);
    Key key =
        new Key(
            knownMethod ? method : UNKNOWN,
            uri,
            normalizedStatus,
            error == null ? "none" : error.getClass().getSimpleName());
    Timer timer = timers.get(key);
    if (timer == null) {
      timer = timers.computeIfAbsent(key, this::register);
    }
    if (error == null && knownMethod && uri.equals(route)) {
      byRoute
          .computeIfAbsent(route, r -> new MethodStatusTimers())
          .add(method, normalizedStatus, timer);
    }
    timer.record(durationNanos, TimeUnit.NANOSECONDS);
  }

  private Timer register(Key key) {
    Tags tags =
        Tags.of(
            "method",
            key.method(),
            "uri",
            key.uri(),
            "status",
            key.status() < 0 ? UNKNOWN : Integer.toString(key.status()),
            "outcome",
            outcome(key.status()),
            "exception",
            key.exception());
    return Timer.builder("http.server.requests")
        .description("Duration of HTTP server request handling")
        .tags(tags)
        .register(registry);
  }

  /**
   * The raw tag values; the status stays an int (the tag's string is only built on a miss), and
   * every status below 0 gives the same series, so it is normalised to -1.
   */
  private record Key(String method, String uri, int status, String exception) {
    Key {
      status = Math.max(status, -1);
    }
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
