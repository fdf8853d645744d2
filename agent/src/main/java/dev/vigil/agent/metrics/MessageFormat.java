package dev.vigil.agent.metrics;

/**
 * Fills SLF4J-style {@code {}} placeholders, the message syntax of Micrometer's internal loggers.
 */
final class MessageFormat {

  private static final String PLACEHOLDER = "{}";

  private MessageFormat() {}

  /**
   * Replaces each {@code {}} in {@code pattern} with the next of {@code arguments[1..]}; surplus
   * placeholders stay as they are.
   *
   * @param arguments the pattern itself at index 0, then the values
   */
  static String format(String pattern, Object[] arguments) {
    StringBuilder out = new StringBuilder(pattern.length() + 32);
    int next = 1;
    int from = 0;
    int at;
    while (next < arguments.length && (at = pattern.indexOf(PLACEHOLDER, from)) >= 0) {
      out.append(pattern, from, at).append(arguments[next++]);
      from = at + PLACEHOLDER.length();
    }
    return out.append(pattern, from, pattern.length()).toString();
  }

  /**
   * The exception to report: as in SLF4J, a last argument that is a {@link Throwable} and is not
   * consumed by a placeholder.
   */
  static Throwable trailingThrowable(String pattern, Object[] arguments) {
    if (arguments.length < 2 || !(arguments[arguments.length - 1] instanceof Throwable)) {
      return null;
    }
    int placeholders = 0;
    for (int at = pattern.indexOf(PLACEHOLDER);
        at >= 0;
        at = pattern.indexOf(PLACEHOLDER, at + 2)) {
      placeholders++;
    }
    return placeholders < arguments.length - 1 ? (Throwable) arguments[arguments.length - 1] : null;
  }
}
