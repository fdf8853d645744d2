package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.AgentLog;
import io.micrometer.common.util.internal.logging.InternalLogLevel;
import io.micrometer.common.util.internal.logging.InternalLogger;
import io.micrometer.common.util.internal.logging.InternalLoggerFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Locale;

/**
 * Sends Micrometer's internal log messages to the agent's stderr line instead of {@code
 * java.util.logging}.
 *
 * <p>Without SLF4J (which the agent does not bundle) Micrometer logs through JUL, and its first
 * logger would initialise the JVM's {@code LogManager} before an application server such as WildFly
 * installs its own. Warnings and errors are printed; the rest only with {@code vigil.agent.debug}.
 */
public final class MicrometerLogging {

  private MicrometerLogging() {}

  /** Makes every Micrometer logger created from now on print through {@link AgentLog}. */
  public static void install() {
    InternalLoggerFactory.setDefaultFactory(new StderrLoggerFactory());
  }

  private static final class StderrLoggerFactory extends InternalLoggerFactory {
    @Override
    protected InternalLogger newInstance(String name) {
      // InternalLogger has 40-odd overloads that differ only in level and arguments; one
      // dispatching handler is shorter and harder to get wrong than 40 hand-written methods.
      return (InternalLogger)
          Proxy.newProxyInstance(
              InternalLogger.class.getClassLoader(),
              new Class<?>[] {InternalLogger.class},
              new StderrLogger(name));
    }
  }

  private static final class StderrLogger implements InvocationHandler {
    private final String name;

    StderrLogger(String name) {
      this.name = name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      String methodName = method.getName();
      switch (methodName) {
        case "name":
          return name;
        case "toString":
          return "StderrLogger(" + name + ")";
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "isEnabled":
          return isEnabled((InternalLogLevel) args[0]);
        case "log":
          log((InternalLogLevel) args[0], Arrays.copyOfRange(args, 1, args.length));
          return null;
        default:
          if (methodName.startsWith("is") && methodName.endsWith("Enabled")) {
            return isEnabled(level(methodName.substring(2, methodName.length() - 7)));
          }
          log(level(methodName), args);
          return null;
      }
    }

    private static InternalLogLevel level(String name) {
      return InternalLogLevel.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static boolean isEnabled(InternalLogLevel level) {
      return level == InternalLogLevel.WARN
          || level == InternalLogLevel.ERROR
          || AgentLog.isDebug();
    }

    /** {@code args} is (Throwable) or (String, arguments...) as in the SLF4J-style overloads. */
    private void log(InternalLogLevel level, Object[] args) {
      if (!isEnabled(level)) {
        return;
      }
      if (args.length == 1 && args[0] instanceof Throwable) {
        AgentLog.warn(prefix(level), (Throwable) args[0]);
        return;
      }
      Object[] arguments = flatten(args);
      String message = MessageFormat.format(String.valueOf(arguments[0]), arguments);
      Throwable thrown = MessageFormat.trailingThrowable(String.valueOf(arguments[0]), arguments);
      if (thrown == null) {
        AgentLog.warn(prefix(level) + ": " + message);
      } else {
        AgentLog.warn(prefix(level) + ": " + message, thrown);
      }
    }

    private String prefix(InternalLogLevel level) {
      return "micrometer " + level.name().toLowerCase(Locale.ROOT) + " (" + name + ")";
    }

    /** Turns (format, Object[]) from a varargs overload into (format, arg1, arg2...). */
    private static Object[] flatten(Object[] args) {
      if (args.length == 2 && args[1] instanceof Object[]) {
        Object[] varargs = (Object[]) args[1];
        Object[] flat = new Object[varargs.length + 1];
        flat[0] = args[0];
        System.arraycopy(varargs, 0, flat, 1, varargs.length);
        return flat;
      }
      return args;
    }
  }
}
