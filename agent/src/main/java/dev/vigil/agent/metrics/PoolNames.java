package dev.vigil.agent.metrics;

/**
 * Derives a pool's {@code name} tag from one of its worker threads' names: the name without the
 * per-thread counter, e.g. {@code pool-3-thread-1} → {@code pool-3-thread}, {@code
 * http-nio-8080-exec-10} → {@code http-nio-8080-exec}.
 */
final class PoolNames {

  private PoolNames() {}

  /** The thread name without trailing digits and separators; {@code fallback} if nothing is left. */
  static String fromThreadName(String threadName, String fallback) {
    int end = threadName.length();
    while (end > 0 && Character.isDigit(threadName.charAt(end - 1))) {
      end--;
    }
    while (end > 0 && isSeparator(threadName.charAt(end - 1))) {
      end--;
    }
    return end == 0 ? fallback : threadName.substring(0, end);
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '_' || c == ' ' || c == '#' || c == '.' || c == ':';
  }
}
