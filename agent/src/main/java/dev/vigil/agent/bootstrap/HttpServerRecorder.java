package dev.vigil.agent.bootstrap;

/**
 * Receives the HTTP server requests that instrumentation advice observes; the agent implements it
 * on top of its registry. Arguments are JDK types only, because this interface lives on the
 * bootstrap class loader, which cannot see any server library's types.
 */
public interface HttpServerRecorder {

  /**
   * Records one finished request.
   *
   * @param method the request method as sent
   * @param route the matched route or context path, never the raw path (bounded cardinality)
   * @param status the response status, or -1 when none was sent
   * @param error what the handler threw, or null
   * @param durationNanos time spent in the server's handling, filters included
   */
  void record(String method, String route, int status, Throwable error, long durationNanos);
}
