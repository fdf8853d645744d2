package dev.vigil.metrics.log;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Where the shared binders send their DEBUG messages: {@link System.Logger} by default, or a sink
 * that the embedding program installs.
 *
 * <p>The default looks its logger up only when a message is logged. Without a {@code
 * System.LoggerFinder} that lookup initialises {@code java.util.logging}'s {@code LogManager}, and
 * inside the agent that must not happen before an application server installs its own; the agent
 * therefore {@linkplain #redirect redirects} to its stderr log.
 */
public final class DebugLog {

  private static volatile BiConsumer<String, Supplier<String>> sink = DebugLog::toSystemLogger;

  private DebugLog() {}

  /**
   * Sends every message from now on to {@code sink}, as (logger name, message). The message
   * supplier may be left uncalled when the sink does not print debug output.
   */
  public static void redirect(BiConsumer<String, Supplier<String>> sink) {
    DebugLog.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Logs {@code message} at DEBUG on logger {@code name}. */
  public static void debug(String name, Supplier<String> message) {
    sink.accept(name, message);
  }

  private static void toSystemLogger(String name, Supplier<String> message) {
    System.Logger logger = System.getLogger(name);
    if (logger.isLoggable(Level.DEBUG)) {
      logger.log(Level.DEBUG, message.get());
    }
  }
}
