package dev.vigil.agent.bootstrap;

/**
 * Where HTTP server advice, inlined into classes of any class loader, hands its observations to the
 * agent. Until the agent's registry is ready the observations are dropped.
 *
 * <p>Servers nest: a filter chain calls the next filter, which calls the handler. Only the
 * outermost call on a thread is measured, tracked with a per-thread depth counter.
 */
public final class HttpServerBridge {

  private static final HttpServerRecorder DROP = (method, route, status, error, nanos) -> {};

  /** {@code int[1]} rather than Integer: one allocation per thread, not per request. */
  private static final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  private static volatile HttpServerRecorder recorder = DROP;

  private HttpServerBridge() {}

  /**
   * Marks a nested call. {@code System.nanoTime()} may be negative on some JVMs, so the marker is
   * a value it cannot practically return rather than any negative number (and distinct from
   * {@code ServletBridge.NOT_TIMED}, which means enter was never called).
   */
  public static final long NESTED = Long.MIN_VALUE + 1;

  /** Connects the agent's recorder; called once the registry exists. */
  public static void setRecorder(HttpServerRecorder newRecorder) {
    recorder = newRecorder == null ? DROP : newRecorder;
  }

  /**
   * Called when an instrumented server method starts.
   *
   * @return the start time to pass to {@link #exit}, or {@link #NESTED} if an outer call already
   *     measures it
   */
  public static long enter() {
    return depth.get()[0]++ == 0 ? System.nanoTime() : NESTED;
  }

  /**
   * Called first when the method ends, before the advice reads the request: it must run even if
   * reading the request fails.
   *
   * @return whether this was the outermost call, i.e. whether to {@link #record} it
   */
  public static boolean exit(long start) {
    depth.get()[0]--;
    return start != NESTED;
  }

  /**
   * Records the request that started at {@code start}, unless it was served by the agent's own
   * metrics endpoint ({@code handler} is the server's handler for the request).
   */
  public static void record(
      long start, Object handler, String method, String route, int status, Throwable error) {
    if (handler != null && handler.getClass().getClassLoader() instanceof AgentClassLoader) {
      return;
    }
    recorder.record(method, route, status, error, System.nanoTime() - start);
  }
}
