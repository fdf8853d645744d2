package dev.vigil.server.api.v1;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small {@code /api/v1/status/*} endpoints that report server state: config, flags and runtime
 * info. Each is a one-liner over {@link ServerState}, so they share this factory.
 */
final class StatusHandlers {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private StatusHandlers() {}

  /** {@code /status/config}: {@code {"yaml": "<config>"}}. */
  static ApiEndpoint config(ServerState state) {
    return request ->
        ApiJson.success(
            g -> {
              g.writeStartObject();
              // Prometheus re-marshals its parsed config; we return the file as loaded, which
              // keeps comments and the user's order but does not show defaults filled in.
              g.writeStringField("yaml", state.configYaml());
              g.writeEndObject();
            });
  }

  /** {@code /status/flags}: flag name to value, sorted by name. */
  static ApiEndpoint flags(ServerState state) {
    return request ->
        ApiJson.success(
            g -> {
              g.writeStartObject();
              for (Map.Entry<String, String> e : new TreeMap<>(state.flags()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
              }
              g.writeEndObject();
            });
  }

  /**
   * {@code /status/runtimeinfo} with Prometheus's field names. The Go-runtime fields carry the
   * nearest JVM facts: live threads for {@code goroutineCount}, available processors for {@code
   * GOMAXPROCS}, the max heap for {@code GOMEMLIMIT}.
   */
  static ApiEndpoint runtimeInfo(ServerState state, Clock clock) {
    return request ->
        ApiJson.success(
            g -> {
              Runtime rt = Runtime.getRuntime();
              g.writeStartObject();
              g.writeStringField("startTime", goTime(state.startTime()));
              g.writeStringField("CWD", Path.of("").toAbsolutePath().toString());
              g.writeStringField("hostname", hostname());
              g.writeStringField("serverTime", goTime(clock.instant()));
              g.writeBooleanField("reloadConfigSuccess", state.reloadConfigSuccess());
              g.writeStringField("lastConfigTime", goTime(state.lastConfigTime()));
              g.writeNumberField("corruptionCount", 0);
              g.writeNumberField("goroutineCount", Thread.activeCount());
              g.writeNumberField("GOMAXPROCS", rt.availableProcessors());
              g.writeNumberField("GOMEMLIMIT", rt.maxMemory());
              g.writeStringField("GOGC", "");
              g.writeStringField("GODEBUG", "");
              g.writeStringField("storageRetention", state.flags().getOrDefault(
                  "storage.tsdb.retention.time", "15d"));
              g.writeEndObject();
            });
  }

  /** Go's RFC 3339 with nanoseconds: the fraction without trailing zeros, none when zero. */
  static String goTime(Instant t) {
    StringBuilder sb = new StringBuilder(SECONDS.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String f = String.format("%09d", nanos);
      int end = f.length();
      while (f.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(f, 0, end);
    }
    return sb.append('Z').toString();
  }

  private static String hostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "";
    }
  }
}
