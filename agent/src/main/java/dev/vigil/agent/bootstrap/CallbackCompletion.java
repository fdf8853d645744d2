package dev.vigil.agent.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records an asynchronous HTTP client request through the callback the client reports its outcome
 * to: a JDK proxy of the client's callback interface that notes the response status ({@code
 * handleResponse}), records once on {@code completed} or {@code failed}, and passes every call on
 * to the client's own callback unchanged.
 *
 * <p>A JDK proxy rather than a class of ours: an agent class implementing the client's interface
 * would have to be injected into the app's class loader.
 */
final class CallbackCompletion implements InvocationHandler {

  private final Object target;
  private final Method getCode;
  private final long start;
  private final String method;
  private final String host;
  private final AtomicBoolean recorded = new AtomicBoolean();
  private volatile int status = -1;

  private CallbackCompletion(
      Object target, Method getCode, long start, String method, String host) {
    this.target = target;
    this.getCode = getCode;
    this.start = start;
    this.method = method;
    this.host = host;
  }

  /**
   * A proxy of {@code callbackType} around {@code callback}.
   *
   * @param responseType the client's response interface, whose {@code getCode()} is the status
   */
  static Object wrap(
      Class<?> callbackType,
      Class<?> responseType,
      Object callback,
      long start,
      String method,
      String host)
      throws NoSuchMethodException {
    CallbackCompletion completion =
        new CallbackCompletion(callback, responseType.getMethod("getCode"), start, method, host);
    return Proxy.newProxyInstance(
        callbackType.getClassLoader(), new Class<?>[] {callbackType}, completion);
  }

  @Override
  public Object invoke(Object proxy, Method called, Object[] args) throws Throwable {
    Object identity = ProxyIdentity.answer(proxy, called, args, target);
    if (identity != ProxyIdentity.NOT_AN_OBJECT_METHOD) {
      return identity;
    }
    observe(called.getName(), args);
    try {
      return called.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private void observe(String name, Object[] args) {
    try {
      if (name.equals("handleResponse")) {
        status = (Integer) getCode.invoke(args[0]);
      } else if (name.equals("completed")) {
        record(null);
      } else if (name.equals("failed")) {
        record((Throwable) args[0]);
      }
    } catch (Throwable e) {
      // Never let our bookkeeping break the app's request.
      AgentLog.debug("asynchronous client request not recorded: " + e);
    }
  }

  private void record(Throwable error) {
    if (recorded.compareAndSet(false, true)) {
      HttpClientBridge.record(start, method, host, status, status > 0 ? null : error);
    }
  }
}
