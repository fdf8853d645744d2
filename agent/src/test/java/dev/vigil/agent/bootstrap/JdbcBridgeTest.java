package dev.vigil.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcBridgeTest {

  private final List<String> recorded = new ArrayList<>();

  @BeforeEach
  void connectRecorder() {
    JdbcBridge.setRecorder(
        new JdbcRecorder() {
          @Override
          public void recordStatement(String sql, boolean batch, Throwable error, long nanos) {
            recorded.add(sql + (batch ? " batch" : "") + (error == null ? "" : " " + error));
          }

          @Override
          public void hikariPoolStarted(Object pool) {}
        });
  }

  @AfterEach
  void disconnectRecorder() {
    JdbcBridge.setRecorder(null);
  }

  /** What a pool's proxy connection does: its prepare calls the driver's and wraps the result. */
  private static Object prepareThroughPool(Object proxy, Object driverStatement, String sql) {
    boolean outer = JdbcBridge.enterPrepare();
    boolean inner = JdbcBridge.enterPrepare();
    JdbcBridge.prepared(inner, driverStatement, sql);
    JdbcBridge.prepared(outer, proxy, sql);
    return proxy;
  }

  /** What a proxy statement's execute does: it calls the driver statement's execute. */
  private static void executeThroughPool(Object proxy, Object driverStatement) {
    long outer = JdbcBridge.enter();
    long inner = JdbcBridge.enter();
    JdbcBridge.exit(inner, driverStatement, null, "executeQuery", null);
    JdbcBridge.exit(outer, proxy, null, "executeQuery", null);
  }

  @Test
  void recordsAPreparedStatementOnceWithTheSqlItWasPreparedWith() {
    Object proxy = new Object();
    Object driverStatement = new Object();
    prepareThroughPool(proxy, driverStatement, "SELECT 1");

    executeThroughPool(proxy, driverStatement);

    assertThat(recorded).containsExactly("SELECT 1");
  }

  @Test
  void remembersTheSqlOnlyOfTheStatementTheOutermostPrepareReturned() {
    Object proxy = new Object();
    Object driverStatement = new Object();

    prepareThroughPool(proxy, driverStatement, "SELECT 1");

    assertThat(JdbcBridge.preparedSql(proxy)).isEqualTo("SELECT 1");
    assertThat(JdbcBridge.preparedSql(driverStatement)).isNull();
  }

  @Test
  void preparesAfreshAfterAPrepareThatThrew() {
    boolean failed = JdbcBridge.enterPrepare();
    JdbcBridge.prepared(failed, null, "SELEC 1");
    Object statement = new Object();

    JdbcBridge.prepared(JdbcBridge.enterPrepare(), statement, "SELECT 2");

    assertThat(JdbcBridge.preparedSql(statement)).isEqualTo("SELECT 2");
  }

  @Test
  void recordsAStatementWhoseSqlWasNotSeenWithoutSql() {
    Object statement = new Object();

    JdbcBridge.exit(JdbcBridge.enter(), statement, null, "executeBatch", null);

    assertThat(recorded).containsExactly("null batch");
  }

  @Test
  void remembersNothingWhileNoRecorderIsConnected() {
    JdbcBridge.setRecorder(null);
    Object statement = new Object();

    JdbcBridge.prepared(JdbcBridge.enterPrepare(), statement, "SELECT 1");

    assertThat(JdbcBridge.preparedSql(statement)).isNull();
  }
}
