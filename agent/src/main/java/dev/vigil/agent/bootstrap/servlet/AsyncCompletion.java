package dev.vigil.agent.bootstrap.servlet;

import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.agent.bootstrap.HttpServerBridge;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handler behind the {@code AsyncListener} proxy made by {@link ServletBridge#asyncListener}:
 * remembers the error an asynchronous request ended with and records the request once, on
 * completion, with the status the response finally got.
 */
final class AsyncCompletion implements InvocationHandler {

  private final Class<?> listenerType;
  private final Method getStatus;
  private final Object response;
  private final long start;
  private final String method;
  private final Object template;
  private final String servletPattern;
  private final AtomicBoolean recorded = new AtomicBoolean();
  private volatile Throwable error;

  AsyncCompletion(
      Class<?> listenerType,
      Method getStatus,
      Object response,
      long start,
      String method,
      Object template,
      String servletPattern) {
    this.listenerType = listenerType;
    this.getStatus = getStatus;
    this.response = response;
    this.start = start;
    this.method = method;
    this.template = template;
    this.servletPattern = servletPattern;
  }

  @Override
  public Object invoke(Object proxy, Method called, Object[] args) {
    try {
      switch (called.getName()) {
        case "onComplete" -> complete(args[0]);
        case "onError" -> error = (Throwable) call(args[0], "getThrowable");
        case "onStartAsync" -> listenAgain(proxy, args[0]);
        case "onTimeout" -> {
          // The container completes a timed-out request next; onComplete records it.
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "toString" -> {
          return "vigil-agent async request timer";
        }
        default -> {
          // A method a later servlet API might add: nothing to do.
        }
      }
    } catch (Throwable e) {
      // Never let our bookkeeping break the app's request.
      AgentLog.debug("async servlet request not recorded: " + e);
    }
    return null;
  }

  private void complete(Object event) throws ReflectiveOperationException {
    if (recorded.compareAndSet(false, true)) {
      int status = (Integer) getStatus.invoke(response);
      Throwable failure = error;
      if (failure == null) {
        // A JAX-RS framework that answered an exception of an AsyncResponse itself (Jersey,
        // RESTEasy) left it in the request, as on the synchronous path.
        failure = ServletRoute.answeredException(answeredAttribute(event), status);
      }
      HttpServerBridge.record(
          start, null, method, ServletRoute.of(template, servletPattern, status), status, failure);
    }
  }

  /**
   * The request's {@link ServletRoute#AGENT_EXCEPTION} attribute, read through the servlet API's
   * interfaces (the container's classes need not be public); null where the container no longer
   * hands out the request.
   */
  private Object answeredAttribute(Object event) {
    try {
      ClassLoader servletApi = listenerType.getClassLoader();
      Class<?> contextType = Class.forName("jakarta.servlet.AsyncContext", false, servletApi);
      Class<?> requestType = Class.forName("jakarta.servlet.ServletRequest", false, servletApi);
      Object context = call(event, "getAsyncContext");
      Object request = contextType.getMethod("getRequest").invoke(context);
      return requestType.getMethod("getAttribute", String.class)
          .invoke(request, ServletRoute.AGENT_EXCEPTION);
    } catch (ReflectiveOperationException | RuntimeException gone) {
      return null;
    }
  }

  /**
   * The request started asynchronous processing again (after an async dispatch), which clears
   * its listeners: register again so that the final completion is still seen.
   */
  private void listenAgain(Object proxy, Object event) throws ReflectiveOperationException {
    Object context = call(event, "getAsyncContext");
    Class<?> contextType =
        Class.forName("jakarta.servlet.AsyncContext", false, listenerType.getClassLoader());
    contextType.getMethod("addListener", listenerType).invoke(context, proxy);
  }

  /** Calls a public no-argument method of a servlet API class ({@code AsyncEvent}). */
  private static Object call(Object target, String name) throws ReflectiveOperationException {
    return target.getClass().getMethod(name).invoke(target);
  }
}
