package dev.vigil.agent.bootstrap;

import java.lang.reflect.Method;

/**
 * Answers the {@code Object} methods of the agent's JDK proxies ({@code equals}, {@code hashCode},
 * {@code toString}) by the proxy's identity, so that the app's code never reaches the proxied
 * object through them and a proxy stays equal only to itself.
 */
final class ProxyIdentity {

  /** Returned for every method not declared by {@code Object}: the caller handles it. */
  static final Object NOT_AN_OBJECT_METHOD = new Object();

  private ProxyIdentity() {}

  static Object answer(Object proxy, Method called, Object[] args, Object target) {
    if (called.getDeclaringClass() != Object.class) {
      return NOT_AN_OBJECT_METHOD;
    }
    switch (called.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "vigil-agent request timer around " + target;
    }
  }
}
