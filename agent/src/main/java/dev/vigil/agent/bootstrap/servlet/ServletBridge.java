package dev.vigil.agent.bootstrap.servlet;

import dev.vigil.agent.bootstrap.HttpServerBridge;
import java.lang.reflect.Proxy;

/**
 * Where servlet advice hands its requests to the agent: times only the container's initial
 * dispatch of a request, and finishes asynchronous requests when the container completes them.
 *
 * <p>Arguments are JDK types: this class is on the bootstrap class loader, which cannot see the
 * servlet API; what it needs from servlet types it gets through the {@code Class} objects the
 * advice passes in.
 */
public final class ServletBridge {

  /** The start value of a call that is not timed at all (not the initial dispatch). */
  public static final long NOT_TIMED = Long.MIN_VALUE;

  /**
   * Per thread: whether the container request that {@link #containerEnter} opened has not (yet)
   * entered a filter chain or servlet. {@code boolean[1]}: one allocation per thread, not per
   * request.
   *
   * <p>Why a flag of its own and not {@code HttpServerBridge}'s depth: the container entry is no
   * outer timing of the chain's request. Counting it as one would make the chain's call nested,
   * and servlet requests would no longer be timed by the call that sees their mapping and
   * exception.
   */
  private static final ThreadLocal<boolean[]> unanswered =
      ThreadLocal.withInitial(() -> new boolean[1]);

  private ServletBridge() {}

  /**
   * Called when a filter chain's {@code doFilter} or {@code HttpServlet.service} starts.
   *
   * @param initialDispatch whether the container is dispatching a new request; its later ASYNC and
   *     ERROR dispatches of the same request run after the initial one returned, on their own
   *     stack, and would otherwise be counted as requests of their own
   * @return the value to pass to {@link #exit}
   */
  public static long enter(boolean initialDispatch) {
    // Any dispatch reached the app, so the container entry around it must not count it: an ASYNC
    // dispatch too, which Tomcat passes through its valves again.
    unanswered.get()[0] = false;
    return initialDispatch ? HttpServerBridge.enter() : NOT_TIMED;
  }

  /**
   * Called first when the {@code doFilter} or {@code service} call ends.
   *
   * @return whether this call is the outermost, timed one, which the advice must then finish
   */
  public static boolean exit(long start) {
    return start != NOT_TIMED && HttpServerBridge.exit(start);
  }

  /**
   * Called when a container's entry for requests starts (Tomcat's {@code StandardContextValve}),
   * which runs around the filter chain but also answers requests itself (404 for a path no servlet
   * is mapped to).
   *
   * @param initialDispatch whether this is a new request rather than an ASYNC dispatch of one
   * @return the value to pass to {@link #containerExit}
   */
  public static long containerEnter(boolean initialDispatch) {
    if (!initialDispatch) {
      return NOT_TIMED;
    }
    unanswered.get()[0] = true;
    return System.nanoTime();
  }

  /**
   * Called when the container's entry ends.
   *
   * @return whether the container answered the request without any filter chain or servlet, so
   *     that the advice must {@link #record} it (otherwise the chain's call already did)
   */
  public static boolean containerExit(long start) {
    if (start == NOT_TIMED) {
      return false;
    }
    boolean[] flag = unanswered.get();
    boolean answeredByContainer = flag[0];
    flag[0] = false;
    return answeredByContainer;
  }

  /** Records a request that ended when its {@code service} or {@code doFilter} call returned. */
  public static void record(
      long start, String method, Object template, String servletPattern, int status, Throwable e) {
    HttpServerBridge.record(
        start, null, method, ServletRoute.of(template, servletPattern, status), status, e);
  }

  /**
   * An {@code AsyncListener} (of the app's servlet API, {@code listenerType}) that records the
   * request when the container completes it; the advice adds it to the request's async context.
   *
   * <p>A JDK proxy rather than a class of ours: an agent class implementing the listener interface
   * would have to be injected into every class loader that holds a servlet API.
   *
   * @param responseType the app's {@code HttpServletResponse} interface, to read the final status
   */
  public static Object asyncListener(
      Class<?> listenerType,
      Class<?> responseType,
      Object response,
      long start,
      String method,
      Object template,
      String servletPattern)
      throws ReflectiveOperationException {
    AsyncCompletion completion =
        new AsyncCompletion(
            listenerType,
            responseType.getMethod("getStatus"),
            response,
            start,
            method,
            template,
            servletPattern);
    return Proxy.newProxyInstance(
        listenerType.getClassLoader(), new Class<?>[] {listenerType}, completion);
  }
}
