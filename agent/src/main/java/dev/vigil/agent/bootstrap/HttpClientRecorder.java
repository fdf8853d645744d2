package dev.vigil.agent.bootstrap;

/**
 * Receives the outgoing HTTP requests that client advice observes; the agent implements it on top
 * of its registry. It lives on the bootstrap loader, so it takes JDK types only; a {@code
 * java.net.http} response arrives as {@code Object} because that module is not the boot loader's.
 */
public interface HttpClientRecorder {

  /**
   * Records one finished request.
   *
   * @param method the request method
   * @param host the target host, or null when the URI has none
   * @param status the response status, or -1 when no response arrived
   * @param error what the call failed with, or null
   * @param durationNanos time from sending to having the response
   */
  void record(String method, String host, int status, Throwable error, long durationNanos);

  /** Like {@link #record}, with a {@code java.net.http.HttpResponse} (or null) for the status. */
  void recordResponse(
      String method, String host, Object response, Throwable error, long durationNanos);
}
