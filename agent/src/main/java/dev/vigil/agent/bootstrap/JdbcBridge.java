package dev.vigil.agent.bootstrap;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where JDBC advice (statements, connections, HikariCP pools) hands its observations to the agent.
 * Until the agent's registry is ready they are dropped.
 *
 * <p>Pools wrap drivers (a HikariCP statement proxy calls the driver's statement), so only the
 * outermost execute call on a thread is measured, tracked with a per-thread depth counter. The SQL
 * of prepared statements is remembered per statement object, weakly, because their execute
 * methods take no SQL.
 */
public final class JdbcBridge {

  private static final JdbcRecorder DROP =
      new JdbcRecorder() {
        @Override
        public void recordStatement(String sql, boolean batch, Throwable error, long nanos) {}

        @Override
        public void hikariPoolStarted(Object pool) {}
      };

  private static final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  /**
   * Statement → SQL. Weak keys: the entry goes with the statement. Statements do not override
   * equals, so this behaves as an identity map.
   */
  private static final Map<Object, String> preparedSql = new WeakHashMap<>();

  private static volatile JdbcRecorder recorder = DROP;

  private JdbcBridge() {}

  /** Connects the agent's recorder; called once the registry exists. */
  public static void setRecorder(JdbcRecorder newRecorder) {
    recorder = newRecorder == null ? DROP : newRecorder;
  }

  /** Called when {@code Connection.prepareStatement/prepareCall(sql, ...)} returned. */
  public static void prepared(Object statement, String sql) {
    if (statement == null || sql == null || recorder == DROP) {
      return;
    }
    synchronized (preparedSql) {
      preparedSql.put(statement, sql);
    }
  }

  /**
   * Called when an instrumented execute method starts.
   *
   * @return the start time to pass to {@link #exit}, or -1 if an outer call already measures it
   */
  public static long enter() {
    return depth.get()[0]++ == 0 ? System.nanoTime() : -1;
  }

  /**
   * Called when the execute method ends.
   *
   * @param sql the SQL argument, or null for the no-argument executes of prepared statements
   * @param method the execute method's name ({@code executeBatch} marks a batch)
   */
  public static void exit(
      long start, Object statement, String sql, String method, Throwable error) {
    depth.get()[0]--;
    if (start < 0) {
      return;
    }
    String text = sql;
    if (text == null) {
      synchronized (preparedSql) {
        text = preparedSql.get(statement);
      }
    }
    recorder.recordStatement(
        text, method.endsWith("Batch"), error, System.nanoTime() - start);
  }

  /** Called at the end of a HikariCP pool's constructor. */
  public static void hikariPoolStarted(Object pool) {
    recorder.hikariPoolStarted(pool);
  }
}
