package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.JdbcRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records JDBC statement executions as the timer {@code db.client.operations} ({@code
 * db_client_operations_seconds}), tagged {@code db.operation.name} (the SQL's first keyword) and
 * {@code exception}, and binds HikariCP pool gauges.
 *
 * <p>Micrometer has no JDBC statement timer; the name follows OpenTelemetry's stable database
 * metric {@code db.client.operation.duration}, in Micrometer's style (no {@code .duration}: the
 * Prometheus registry appends {@code _seconds}).
 */
public final class JdbcMetrics implements JdbcRecorder {

  /**
   * Distinct SQL texts whose successful executions go straight to their timer. Applications run a
   * fixed set of statements, far fewer than this; one that builds SQL with literals in it gets its
   * first texts cached and the rest looked up by operation, so the cache stays bounded.
   */
  static final int MAX_CACHED_SQL = 512;

  private final MeterRegistry registry;

  /** The timer of each (operation, exception) pair; nothing removes these from the registry. */
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  /**
   * The timer of a successful execution of each SQL text, so that the common case costs one map
   * lookup (the text's hash is cached in the String) instead of reading the keyword again.
   */
  private final Map<String, Timer> successBySql = new ConcurrentHashMap<>();

  /** Records into {@code registry}. */
  public JdbcMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void recordStatement(String sql, boolean batch, Throwable error, long durationNanos) {
    timer(sql, batch, error).record(durationNanos, TimeUnit.NANOSECONDS);
  }

  private Timer timer(String sql, boolean batch, Throwable error) {
    boolean cacheable = error == null && !batch && sql != null;
    if (cacheable) {
      Timer timer = successBySql.get(sql);
      if (timer != null) {
        return timer;
      }
    }
    Key key =
        new Key(
            batch ? SqlOperations.BATCH : SqlOperations.of(sql),
            error == null ? "none" : error.getClass().getSimpleName());
    Timer timer = timers.get(key);
    if (timer == null) {
      timer = timers.computeIfAbsent(key, this::register);
    }
    // Two threads may both pass the size check and exceed the cap by one each: harmless.
    if (cacheable && successBySql.size() < MAX_CACHED_SQL) {
      successBySql.putIfAbsent(sql, timer);
    }
    return timer;
  }

  private Timer register(Key key) {
    return Timer.builder("db.client.operations")
        .description("Duration of JDBC statement executions")
        .tag("db.operation.name", key.operation())
        .tag("exception", key.exception())
        .register(registry);
  }

  @Override
  public void hikariPoolStarted(Object pool) {
    HikariPoolMetrics.bind(registry, pool);
  }

  private record Key(String operation, String exception) {}
}
