package dev.vigil.agent.bootstrap.reactive;

import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.agent.bootstrap.HttpServerBridge;
import dev.vigil.agent.bootstrap.servlet.ServletRoute;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Records one Spring WebFlux request when the {@code Mono} that handles it terminates: the
 * {@code doFinally} callback the advice attaches. Its {@link #errors()} companion is the {@code
 * doOnError} callback that remembers what the handling failed with.
 *
 * <p>It lives on the bootstrap loader, so it reads the app's {@code ServerWebExchange} through the
 * public interface methods the advice hands over, never through Spring types of its own.
 */
public final class ReactiveRequestCompletion implements Consumer<Object> {

  /** Spring WebFlux's attribute for the pattern of the matched handler method. */
  static final String WEBFLUX_PATTERN =
      "org.springframework.web.reactive.HandlerMapping.bestMatchingPattern";

  /** The attribute functional endpoints ({@code RouterFunctions}) use for theirs. */
  static final String ROUTER_FUNCTION_PATTERN =
      "org.springframework.web.reactive.function.server.RouterFunctions.matchingPattern";

  private final long start;
  private final String method;
  private final Object exchange;
  private final Method getAttribute;
  private final Method getResponse;
  private final Method getStatusCode;
  private final Method isCommitted;
  private final AtomicBoolean recorded = new AtomicBoolean();
  private volatile Throwable error;

  private ReactiveRequestCompletion(
      long start, String method, Object exchange, Class<?> exchangeType, Class<?> responseType)
      throws NoSuchMethodException {
    this.start = start;
    this.method = method;
    this.exchange = exchange;
    this.getAttribute = exchangeType.getMethod("getAttribute", String.class);
    this.getResponse = exchangeType.getMethod("getResponse");
    this.getStatusCode = responseType.getMethod("getStatusCode");
    this.isCommitted = responseType.getMethod("isCommitted");
  }

  /**
   * A completion for the request in {@code exchange}.
   *
   * @param exchangeType the app's {@code ServerWebExchange} interface
   * @param responseType the app's {@code ServerHttpResponse} interface
   */
  public static ReactiveRequestCompletion of(
      long start, String method, Object exchange, Class<?> exchangeType, Class<?> responseType)
      throws NoSuchMethodException {
    return new ReactiveRequestCompletion(start, method, exchange, exchangeType, responseType);
  }

  /** The {@code doOnError} callback: remembers the failure for the record. */
  public Consumer<Object> errors() {
    return new ErrorListener();
  }

  /** A named class, not a lambda, like every callback the agent hands to app code. */
  private final class ErrorListener implements Consumer<Object> {
    @Override
    public void accept(Object failure) {
      error = (Throwable) failure;
    }
  }

  /** The {@code doFinally} callback, with the {@code SignalType} the handling ended with. */
  @Override
  public void accept(Object signal) {
    if (!recorded.compareAndSet(false, true)) {
      return;
    }
    try {
      Object response = getResponse.invoke(exchange);
      Object code = getStatusCode.invoke(response);
      // No status set means the default, 200; an error not handled by Spring's exception
      // handlers is answered 500 by the adapter after us, unless the response was already sent.
      int status = code == null ? 200 : (Integer) code.getClass().getMethod("value").invoke(code);
      if (error != null && !(Boolean) isCommitted.invoke(response)) {
        status = 500;
      }
      Object pattern = getAttribute.invoke(exchange, WEBFLUX_PATTERN);
      if (pattern == null) {
        pattern = getAttribute.invoke(exchange, ROUTER_FUNCTION_PATTERN);
      }
      HttpServerBridge.record(
          start, null, method, ServletRoute.of(pattern, null, status), status, error);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Never let our bookkeeping break the app's request.
      AgentLog.debug("reactive request not recorded: " + e);
    }
  }
}
