package dev.vigil.agent.bootstrap;

/**
 * Where JDBC advice (statements, connections, HikariCP pools) hands its observations to the agent.
 * Until the agent's registry is ready they are dropped.
 *
 * <p>Pools wrap drivers (a HikariCP statement proxy calls the driver's statement), so only the
 * outermost execute call on a thread is measured, tracked with a per-thread depth counter. The SQL
 * of prepared statements is remembered per statement object, weakly, because their execute
 * methods take no SQL; only for the statement the outermost prepare call returns (a pool's proxy),
 * since that is the one whose execute is the outermost and looks it up: remembering the driver's
 * statement under it as well cost a second weak entry per prepare and was never read.
 */
public final class JdbcBridge {

  private static final JdbcRecorder DROP =
      new JdbcRecorder() {
        @Override
        public void recordStatement(String sql, boolean batch, Throwable error, long nanos) {}

        @Override
        public void hikariPoolStarted(Object pool) {}
      };

  /**
   * Per thread: the nesting depths of execute and prepare calls, and the probe for looking up
   * prepared SQL; one object, so the outermost execute finds its probe with the same thread-local
   * lookup that counts its depth.
   */
  private static final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

  /** Statement → SQL, by identity; the entry goes with the statement. */
  private static final WeakIdentityMap<String> preparedSql = new WeakIdentityMap<>();

  private static volatile JdbcRecorder recorder = DROP;

  private JdbcBridge() {}

  /** Connects the agent's recorder; called once the registry exists. */
  public static void setRecorder(JdbcRecorder newRecorder) {
    recorder = newRecorder == null ? DROP : newRecorder;
  }

  /**
   * Called when {@code Connection.prepareStatement/prepareCall(sql, ...)} starts.
   *
   * @return whether this is the outermost prepare call on this thread, to pass to {@link
   *     #prepared}
   */
  public static boolean enterPrepare() {
    return perThread.get().prepareDepth++ == 0;
  }

  /**
   * Called when the prepare call ended, normally ({@code statement} is what it returned) or by an
   * exception ({@code statement} is null). Remembers the SQL of the outermost call's statement.
   */
  public static void prepared(boolean outermost, Object statement, String sql) {
    perThread.get().prepareDepth--;
    if (!outermost || statement == null || sql == null || recorder == DROP) {
      return;
    }
    preparedSql.put(statement, sql);
  }

  /** The SQL remembered for {@code statement}, or null. */
  static String preparedSql(Object statement) {
    return preparedSql.get(statement);
  }

  /**
   * Called when an instrumented execute method starts.
   *
   * @return the start time to pass to {@link #exit}, or -1 if an outer call already measures it
   */
  public static long enter() {
    return perThread.get().executeDepth++ == 0 ? System.nanoTime() : -1;
  }

  /**
   * Called when the execute method ends.
   *
   * @param sql the SQL argument, or null for the no-argument executes of prepared statements
   * @param method the execute method's name ({@code executeBatch} marks a batch)
   */
  public static void exit(
      long start, Object statement, String sql, String method, Throwable error) {
    PerThread state = perThread.get();
    state.executeDepth--;
    if (start < 0) {
      return;
    }
    String text = sql == null ? preparedSql.get(statement, state.probe) : sql;
    recorder.recordStatement(
        text, method.endsWith("Batch"), error, System.nanoTime() - start);
  }

  /** Called at the end of a HikariCP pool's constructor. */
  public static void hikariPoolStarted(Object pool) {
    recorder.hikariPoolStarted(pool);
  }

  private static final class PerThread {
    int executeDepth;
    int prepareDepth;
    final WeakIdentityMap.Probe probe = new WeakIdentityMap.Probe();
  }
}
