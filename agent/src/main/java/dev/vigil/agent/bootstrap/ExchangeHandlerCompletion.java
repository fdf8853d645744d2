package dev.vigil.agent.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records a request of an asynchronous client that hands the whole exchange to one handler (Apache
 * HttpClient 5's minimal async clients and their {@code AsyncClientExchangeHandler}): a JDK proxy
 * of the handler that notes the request's method and host as the handler sends it (through a proxy
 * of the request channel), the response status ({@code consumeResponse}), and records once when the
 * exchange fails or releases its resources; every call goes on to the app's handler unchanged.
 *
 * <p>A JDK proxy rather than a class of ours, for the reason given in {@link CallbackCompletion}.
 */
final class ExchangeHandlerCompletion implements InvocationHandler {

  private final Object handler;
  private final Class<?> channelType;
  private final Method getMethod;
  private final Method getAuthority;
  private final Method getCode;
  private final long start;
  private final AtomicBoolean recorded = new AtomicBoolean();
  private volatile String method;
  private volatile String host;
  private volatile int status = -1;

  private ExchangeHandlerCompletion(
      Object handler, Class<?> channelType, Class<?> requestType, Class<?> responseType, long start)
      throws NoSuchMethodException {
    this.handler = handler;
    this.channelType = channelType;
    this.getMethod = requestType.getMethod("getMethod");
    this.getAuthority = requestType.getMethod("getAuthority");
    this.getCode = responseType.getMethod("getCode");
    this.start = start;
  }

  /**
   * A proxy of {@code handlerType} around {@code handler}.
   *
   * @param requestType the client's request interface, with {@code getMethod()} and {@code
   *     getAuthority()} (whose result has {@code getHostName()})
   * @param responseType the client's response interface, with {@code int getCode()}
   */
  static Object wrap(
      Class<?> handlerType,
      Class<?> channelType,
      Class<?> requestType,
      Class<?> responseType,
      Object handler,
      long start)
      throws NoSuchMethodException {
    return Proxy.newProxyInstance(
        handlerType.getClassLoader(),
        new Class<?>[] {handlerType},
        new ExchangeHandlerCompletion(handler, channelType, requestType, responseType, start));
  }

  @Override
  public Object invoke(Object proxy, Method called, Object[] args) throws Throwable {
    Object identity = ProxyIdentity.answer(proxy, called, args, handler);
    if (identity != ProxyIdentity.NOT_AN_OBJECT_METHOD) {
      return identity;
    }
    Object[] passed = observe(called.getName(), args);
    try {
      return called.invoke(handler, passed);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      if (called.getName().equals("releaseResources")) {
        record(null);
      }
    }
  }

  /** Notes what the call tells; returns the arguments to pass on (the channel, wrapped). */
  private Object[] observe(String name, Object[] args) {
    try {
      if (name.equals("produceRequest") && args[0] != null && channelType.isInstance(args[0])) {
        Object[] wrapped = args.clone();
        wrapped[0] =
            Proxy.newProxyInstance(
                channelType.getClassLoader(), new Class<?>[] {channelType}, new Channel(args[0]));
        return wrapped;
      }
      if (name.equals("consumeResponse")) {
        status = (Integer) getCode.invoke(args[0]);
      } else if (name.equals("failed")) {
        record((Throwable) args[0]);
      }
    } catch (Throwable e) {
      // Never let our bookkeeping break the app's request.
      AgentLog.debug("asynchronous client request not observed: " + e);
    }
    return args;
  }

  private void record(Throwable error) {
    if (recorded.compareAndSet(false, true)) {
      HttpClientBridge.record(start, method, host, status, status > 0 ? null : error);
    }
  }

  /** The request channel, seen through: {@code sendRequest(request, entity, context)}. */
  private final class Channel implements InvocationHandler {
    private final Object target;

    Channel(Object target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method called, Object[] args) throws Throwable {
      Object identity = ProxyIdentity.answer(proxy, called, args, target);
      if (identity != ProxyIdentity.NOT_AN_OBJECT_METHOD) {
        return identity;
      }
      if (called.getName().equals("sendRequest") && args != null && args.length > 0) {
        noteRequest(args[0]);
      }
      try {
        return called.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void noteRequest(Object request) {
      try {
        method = (String) getMethod.invoke(request);
        Object authority = getAuthority.invoke(request);
        if (authority != null) {
          host = (String) authority.getClass().getMethod("getHostName").invoke(authority);
        }
      } catch (Throwable e) {
        AgentLog.debug("asynchronous client request not observed: " + e);
      }
    }
  }
}
