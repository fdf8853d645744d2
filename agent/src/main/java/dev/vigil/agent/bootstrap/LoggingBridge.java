package dev.vigil.agent.bootstrap;

/**
 * Where logging framework advice reports log events. Until the agent's registry is ready they are
 * dropped. The agent never logs through the application's frameworks (see {@link AgentLog}), so
 * counting cannot feed back into itself.
 */
public final class LoggingBridge {

  private static final LogEventRecorder DROP =
      new LogEventRecorder() {
        @Override
        public void logbackEvent(String level) {}

        @Override
        public void log4j2Event(String level) {}
      };

  /**
   * How deep the current thread is in log4j2's {@code LoggerConfig.log}: a config hands the event
   * to its parents by calling the same method again, and only the outermost call is the event.
   */
  private static final ThreadLocal<int[]> log4j2Depth = ThreadLocal.withInitial(() -> new int[1]);

  private static volatile LogEventRecorder recorder = DROP;

  private LoggingBridge() {}

  /** Connects the agent's recorder; called once the registry exists. */
  public static void setRecorder(LogEventRecorder newRecorder) {
    recorder = newRecorder == null ? DROP : newRecorder;
  }

  /** Called by advice in Logback's {@code Logger.callAppenders}. */
  public static void logbackEvent(String level) {
    recorder.logbackEvent(level);
  }

  /**
   * Called when log4j2's {@code LoggerConfig.log(LogEvent, predicate)} starts; must be paired with
   * {@link #log4j2Exit()}.
   *
   * @return whether this is the outermost call on this thread, i.e. the event's own
   */
  public static boolean log4j2Enter() {
    return log4j2Depth.get()[0]++ == 0;
  }

  /** Called when log4j2's {@code LoggerConfig.log(LogEvent, predicate)} ends, however it ends. */
  public static void log4j2Exit() {
    log4j2Depth.get()[0]--;
  }

  /** Counts one log4j2 event under the name of its standard level. */
  public static void log4j2Event(String level) {
    recorder.log4j2Event(level);
  }
}
