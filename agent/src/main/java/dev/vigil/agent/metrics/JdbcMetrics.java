package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.JdbcRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

  private final MeterRegistry registry;

  /** Records into {@code registry}. */
  public JdbcMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void recordStatement(String sql, boolean batch, Throwable error, long durationNanos) {
    Timer.builder("db.client.operations")
        .description("Duration of JDBC statement executions")
        .tag("db.operation.name", batch ? SqlOperations.BATCH : SqlOperations.of(sql))
        .tag("exception", error == null ? "none" : error.getClass().getSimpleName())
        .register(registry)
        .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void hikariPoolStarted(Object pool) {
    HikariPoolMetrics.bind(registry, pool);
  }
}
