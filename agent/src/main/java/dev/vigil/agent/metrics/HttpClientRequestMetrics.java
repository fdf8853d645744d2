package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.HttpClientRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  /** Targets whose timers {@link #byHost} remembers at most; the rest take the keyed map. */
  static final int MAX_HOSTS = 256;

  private final MeterRegistry registry;

  /**
   * The timer of each tag tuple seen: a request costs one map lookup instead of building tags, a
   * meter id and a registry lookup. It holds exactly the registry's timers of this name, which
   * nothing removes from the registry.
   */
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  /**
   * Per target host, the timers of requests answered with a status, by method and status: the
   * common request allocates nothing (a {@link Key} per request was the recorder's only garbage).
   * Only known methods are entered, and at most {@link #MAX_HOSTS} hosts.
   */
  private final Map<String, MethodStatusTimers> byHost = new ConcurrentHashMap<>();

  /** Records into {@code registry}. */
  public HttpClientRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void record(String method, String host, int status, Throwable error, long durationNanos) {
    boolean answered = error == null && status > 0 && host != null;
    if (answered) {
      MethodStatusTimers known = byHost.get(host);
      Timer timer = known == null ? null : known.find(method, status);
      if (timer != null) {
        timer.record(durationNanos, TimeUnit.NANOSECONDS);
        return;
      }
    }
    Key key =
        new Key(
            method != null && KNOWN_METHODS.contains(method) ? method : UNKNOWN,
            host == null || host.isEmpty() ? NONE : host,
            Math.max(status, 0),
            // Without a status code the status tag depends on the error's type instead.
            status > 0 ? null : status(status, error),
            error == null ? NONE : error.getClass().getSimpleName());
    Timer timer = timers.get(key);
    if (timer == null) {
      timer = timers.computeIfAbsent(key, this::register);
    }
    if (answered
        && !host.isEmpty()
        && key.method().equals(method)
        && (byHost.containsKey(host) || byHost.size() < MAX_HOSTS)) {
      byHost.computeIfAbsent(host, h -> new MethodStatusTimers()).add(method, status, timer);
    }
    timer.record(durationNanos, TimeUnit.NANOSECONDS);
  }

  private Timer register(Key key) {
    Tags tags =
        Tags.of(
            "method",
            key.method(),
            "uri",
            NONE,
            "status",
            key.code() > 0 ? Integer.toString(key.code()) : key.statusWithoutCode(),
            "outcome",
            HttpServerRequestMetrics.outcome(key.code()),
            "exception",
            key.exception(),
            "client.name",
            key.host());
    return Timer.builder("http.client.requests")
        .description("Duration of outgoing HTTP requests")
        .tags(tags)
        .register(registry);
  }

  @Override
  public void recordResponse(
      String method, String host, Object response, Throwable error, long durationNanos) {
    int status = response instanceof HttpResponse<?> r ? r.statusCode() : -1;
    record(method, host, status, error, durationNanos);
  }

  /**
   * The raw tag values: the status code as an int (0 when none was received, which every such
   * request shares), and for that case the status tag that names the failure.
   */
  private record Key(
      String method, String host, int code, String statusWithoutCode, String exception) {}

  /** Spring's client statuses: the code, IO_ERROR when the exchange failed, else CLIENT_ERROR. */
  private static String status(int status, Throwable error) {
    if (status > 0) {
      return Integer.toString(status);
    }
    return error instanceof IOException ? "IO_ERROR" : "CLIENT_ERROR";
  }
}
