package dev.vigil.agent.bootstrap;

/**
 * The agent's only output channel: single lines on stderr, prefixed {@code [vigil-agent]}.
 *
 * <p>Deliberately not {@code java.util.logging} nor {@code System.Logger} (whose default backend is
 * JUL): the first call to either fixes the JVM's {@code LogManager}, and application servers such
 * as WildFly choose theirs later, in {@code main}.
 */
public final class AgentLog {

  private static final String PREFIX = "[vigil-agent] ";

  private static volatile boolean debug;

  private AgentLog() {}

  /** Turns on stack traces and debug lines; set once the configuration has been read. */
  public static void setDebug(boolean enabled) {
    debug = enabled;
  }

  /** Whether {@code vigil.agent.debug} is on. */
  public static boolean isDebug() {
    return debug;
  }

  /** Reports that the agent gave up; the application runs on without it. */
  public static void startFailed(Throwable failure) {
    print("failed to start: " + describe(failure), failure);
  }

  /** Reports a problem that the agent survives. */
  public static void warn(String message) {
    print(message, null);
  }

  /** Reports a problem that the agent survives, with its cause. */
  public static void warn(String message, Throwable cause) {
    print(message + ": " + describe(cause), cause);
  }

  /** A line printed only when debugging is on. */
  public static void debug(String message) {
    if (debug) {
      print(message, null);
    }
  }

  /**
   * The user-facing text of a failure: our own startup exceptions already say what to fix, anything
   * else is unexpected and keeps its type so it can be reported.
   */
  static String describe(Throwable failure) {
    if (failure instanceof StartupException) {
      return failure.getMessage();
    }
    return String.valueOf(failure);
  }

  private static void print(String line, Throwable failure) {
    // One println per line keeps our line whole even when the app writes to stderr concurrently.
    System.err.println(PREFIX + line);
    if (debug && failure != null) {
      failure.printStackTrace();
    }
  }
}
