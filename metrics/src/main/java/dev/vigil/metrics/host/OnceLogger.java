package dev.vigil.metrics.host;

import dev.vigil.metrics.log.DebugLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Logs each distinct problem once at DEBUG: a host without {@code /proc/pressure} should not fill
 * the application's log on every scrape.
 */
final class OnceLogger {

  private static final String LOGGER = "dev.vigil.metrics.host";

  /** Bounds memory if messages carry ever-changing values. */
  private static final int MAX_KEYS = 1024;

  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  void debug(String key, Supplier<String> message) {
    if (seen.size() < MAX_KEYS && seen.add(key)) {
      DebugLog.debug(LOGGER, message);
    }
  }

  void debug(String message) {
    debug(message, () -> message);
  }
}
