package dev.vigil.agent.bootstrap;

/**
 * Receives the log events that logging advice observes; the agent counts them per level. It lives
 * on the bootstrap loader, so it takes JDK types only.
 */
public interface LogEventRecorder {

  /**
   * Counts one Logback event that passed the logger's level and turbo filters.
   *
   * @param level the level's name as Logback prints it ({@code INFO}, {@code WARN}, ...)
   */
  void logbackEvent(String level);

  /**
   * Counts one log4j2 event that passed the logger's level check.
   *
   * @param level the name of the event's standard level ({@code FATAL}, {@code ERROR}, ...)
   */
  void log4j2Event(String level);
}
