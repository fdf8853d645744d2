package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JdbcMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final JdbcMetrics metrics = new JdbcMetrics(registry);

  private Timer timer(String operation, String exception) {
    return registry
        .get("db.client.operations")
        .tags("db.operation.name", operation, "exception", exception)
        .timer();
  }

  @Test
  void recordsExecutionsByOperationKeyword() {
    metrics.recordStatement("SELECT * FROM t WHERE id = ?", false, null, 3_000_000);
    metrics.recordStatement("select 1", false, null, 1_000_000);
    metrics.recordStatement("UPDATE t SET x = 1", false, null, 1_000_000);

    assertThat(timer("SELECT", "none").count()).isEqualTo(2);
    assertThat(timer("SELECT", "none").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4.0);
    assertThat(timer("UPDATE", "none").count()).isEqualTo(1);
  }

  @Test
  void keepsAFailedExecutionOfAKnownStatementApartFromItsSuccesses() {
    String sql = "DELETE FROM t WHERE id = ?";
    metrics.recordStatement(sql, false, null, 1);
    metrics.recordStatement(sql, false, new SQLException("locked"), 1);
    metrics.recordStatement(sql, false, null, 1);

    assertThat(timer("DELETE", "none").count()).isEqualTo(2);
    assertThat(timer("DELETE", "SQLException").count()).isEqualTo(1);
  }

  @Test
  void tagsBatchesAsBatchWhateverTheirSql() {
    metrics.recordStatement("INSERT INTO t VALUES (?)", false, null, 1);
    metrics.recordStatement("INSERT INTO t VALUES (?)", true, null, 1);

    assertThat(timer("INSERT", "none").count()).isEqualTo(1);
    assertThat(timer("BATCH", "none").count()).isEqualTo(1);
  }

  @Test
  void tagsStatementsOfUnknownSqlAsUnknown() {
    metrics.recordStatement(null, false, null, 1);

    assertThat(timer("UNKNOWN", "none").count()).isEqualTo(1);
  }

  @Test
  void keepsCountingStatementsBeyondTheSqlCache() {
    int statements = JdbcMetrics.MAX_CACHED_SQL + 10;
    for (int i = 0; i < statements; i++) {
      metrics.recordStatement("SELECT " + i, false, null, 1);
      metrics.recordStatement("SELECT " + i, false, null, 1);
    }

    assertThat(timer("SELECT", "none").count()).isEqualTo(2L * statements);
    assertThat(registry.find("db.client.operations").timers()).hasSize(1);
  }
}
