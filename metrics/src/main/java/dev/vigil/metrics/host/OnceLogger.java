package dev.vigil.metrics.host;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Logs each distinct problem once at DEBUG: a host without {@code /proc/pressure} should not fill
 * the application's log on every scrape.
 */
final class OnceLogger {

  private static final System.Logger LOG = System.getLogger("dev.vigil.metrics.host");

  /** Bounds memory if messages carry ever-changing values. */
  private static final int MAX_KEYS = 1024;

  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  void debug(String key, Supplier<String> message) {
    if (seen.size() < MAX_KEYS && seen.add(key) && LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, message.get());
    }
  }

  void debug(String message) {
    debug(message, () -> message);
  }
}
