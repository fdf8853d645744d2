package dev.vigil.agent.bootstrap;

/**
 * Where logging framework advice reports log events. Until the agent's registry is ready they are
 * dropped. The agent never logs through the application's frameworks (see {@link AgentLog}), so
 * counting cannot feed back into itself.
 */
public final class LoggingBridge {

  private static final LogEventRecorder DROP = level -> {};

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
}
