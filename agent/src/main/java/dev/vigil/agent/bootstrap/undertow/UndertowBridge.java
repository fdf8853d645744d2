package dev.vigil.agent.bootstrap.undertow;

import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.agent.bootstrap.HttpServerBridge;
import dev.vigil.agent.bootstrap.servlet.ServletRoute;

/**
 * What the Undertow advice needs from the agent: the attachment keys under which an exchange
 * carries its start time (ours) or its servlet request (Undertow's servlet layer), and recording a
 * finished exchange. Keys are Undertow objects, made or looked up by reflection once per Undertow
 * class loader, because this class lives on the bootstrap loader, which cannot see Undertow.
 */
public final class UndertowBridge {

  /** A loader without {@code undertow-servlet}: no exchange there can be a servlet request. */
  private static final Object NO_KEY = new Object();

  /** Per {@code AttachmentKey} class: a key of ours, {@code AttachmentKey.create(Long.class)}. */
  private static final ClassValue<Object> startKeys =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> attachmentKeyType) {
          try {
            return attachmentKeyType.getMethod("create", Class.class).invoke(null, Long.class);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Undertow's AttachmentKey.create is missing", e);
          }
        }
      };

  /** Per exchange class: {@code ServletRequestContext.ATTACHMENT_KEY} seen from its loader. */
  private static final ClassValue<Object> servletKeys =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> exchangeType) {
          try {
            return Class.forName(
                    "io.undertow.servlet.handlers.ServletRequestContext",
                    false,
                    exchangeType.getClassLoader())
                .getField("ATTACHMENT_KEY")
                .get(null);
          } catch (ClassNotFoundException noServletLayer) {
            return NO_KEY;
          } catch (ReflectiveOperationException | LinkageError e) {
            AgentLog.debug("Undertow's servlet attachment key not found: " + e);
            return NO_KEY;
          }
        }
      };

  private UndertowBridge() {}

  /** The key of the start-time attachment, for Undertow's {@code AttachmentKey} class. */
  public static Object startKey(Class<?> attachmentKeyType) {
    return startKeys.get(attachmentKeyType);
  }

  /**
   * The key under which Undertow's servlet layer attaches its request to an exchange of {@code
   * exchangeType}, or null where that layer is not visible (then no exchange is a servlet one).
   */
  public static Object servletKey(Class<?> exchangeType) {
    Object key = servletKeys.get(exchangeType);
    return key == NO_KEY ? null : key;
  }

  /**
   * Records an exchange that started at {@code start}; {@code template} is the path template a
   * {@code RoutingHandler} or {@code PathTemplateHandler} matched, or null; {@code error} what a
   * handler threw, or null.
   */
  public static void record(
      long start, String method, String template, int status, Throwable error) {
    HttpServerBridge.record(
        start, null, method, ServletRoute.of(template, null, status), status, error);
  }
}
