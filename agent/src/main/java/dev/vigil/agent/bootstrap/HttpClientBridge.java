package dev.vigil.agent.bootstrap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * Where HTTP client advice ({@code java.net.http.HttpClient}, {@code HttpURLConnection}) hands its
 * observations to the agent. Until the agent's registry is ready they are dropped.
 */
public final class HttpClientBridge {

  private static final HttpClientRecorder DROP =
      new HttpClientRecorder() {
        @Override
        public void record(String method, String host, int status, Throwable error, long nanos) {}

        @Override
        public void recordResponse(
            String method, String host, Object response, Throwable error, long nanos) {}
      };

  private static volatile HttpClientRecorder recorder = DROP;

  private HttpClientBridge() {}

  /** Connects the agent's recorder; called once the registry exists. */
  public static void setRecorder(HttpClientRecorder newRecorder) {
    recorder = newRecorder == null ? DROP : newRecorder;
  }

  /** Records a request whose outcome is known now. */
  public static void record(long start, String method, String host, int status, Throwable error) {
    recorder.record(method, host, status, error, System.nanoTime() - start);
  }

  /**
   * Records an asynchronous request when {@code response} completes, or at once if the call failed
   * before returning a future ({@code thrown}).
   */
  public static void recordWhenDone(
      long start, String method, String host, CompletableFuture<?> response, Throwable thrown) {
    if (thrown != null || response == null) {
      recorder.recordResponse(method, host, null, thrown, System.nanoTime() - start);
      return;
    }
    // whenComplete's own future is discarded: the caller's future and its result stay untouched.
    response.whenComplete(new Completion(start, method, host));
  }

  /**
   * Wraps the callback through which an asynchronous client (Apache HttpClient 5's {@code
   * AsyncExecCallback}) reports a request's outcome, so that the request is recorded when the
   * client reports it; the advice passes the wrapper on in place of the original.
   *
   * @param callbackType the client's callback interface
   * @param responseType the client's response interface, with {@code int getCode()}
   */
  public static Object recordOnCallback(
      Class<?> callbackType,
      Class<?> responseType,
      Object callback,
      long start,
      String method,
      String host)
      throws NoSuchMethodException {
    return CallbackCompletion.wrap(callbackType, responseType, callback, start, method, host);
  }

  /**
   * Wraps the handler to which a minimal asynchronous client (Apache HttpClient 5's {@code
   * AsyncClientExchangeHandler}) hands a whole exchange, so that the request is recorded when the
   * exchange ends; the advice passes the wrapper on in place of the original.
   *
   * @param handlerType the client's exchange handler interface
   * @param channelType the interface of the channel through which the handler sends its request
   * @param requestType the client's request interface ({@code getMethod()}, {@code getAuthority()})
   * @param responseType the client's response interface, with {@code int getCode()}
   */
  public static Object recordOnExchangeHandler(
      Class<?> handlerType,
      Class<?> channelType,
      Class<?> requestType,
      Class<?> responseType,
      Object handler,
      long start)
      throws NoSuchMethodException {
    return ExchangeHandlerCompletion.wrap(
        handlerType, channelType, requestType, responseType, handler, start);
  }

  /** A named class rather than a lambda: it is created inside advice in JDK classes. */
  private static final class Completion implements BiConsumer<Object, Throwable> {
    private final long start;
    private final String method;
    private final String host;

    Completion(long start, String method, String host) {
      this.start = start;
      this.method = method;
      this.host = host;
    }

    @Override
    public void accept(Object response, Throwable error) {
      Throwable cause = error;
      // The future wraps the client's exception; the tag names the one the caller sees from send.
      while ((cause instanceof CompletionException || cause instanceof ExecutionException)
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      recorder.recordResponse(method, host, response, cause, System.nanoTime() - start);
    }
  }
}
