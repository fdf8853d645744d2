package dev.vigil.agent.bootstrap;

/**
 * Receives the JDBC statement executions and connection pools that JDBC advice observes; the agent
 * implements it on top of its registry. It lives on the bootstrap loader, so it takes JDK types
 * only (driver and pool objects arrive as {@code Object}).
 */
public interface JdbcRecorder {

  /**
   * Records one statement execution.
   *
   * @param sql the statement's SQL, or null when unknown (e.g. prepared by an uninstrumented path)
   * @param batch whether a batch was executed
   * @param error what the execution threw, or null
   * @param durationNanos time spent in the driver's execute call
   */
  void recordStatement(String sql, boolean batch, Throwable error, long durationNanos);

  /** Called once a HikariCP {@code HikariPool} has been constructed. */
  void hikariPoolStarted(Object pool);
}
