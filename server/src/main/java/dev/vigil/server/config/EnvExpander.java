package dev.vigil.server.config;

import java.util.function.UnaryOperator;

/**
 * Expands {@code $NAME} and {@code ${NAME}} as Go's {@code os.Expand} does for Prometheus's
 * external labels: unset variables become empty, {@code $$} becomes {@code $}.
 */
final class EnvExpander {

  private EnvExpander() {}

  static String expand(String s, UnaryOperator<String> env) {
    if (s.indexOf('$') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '$' || i + 1 >= s.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = s.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '{') {
        int close = s.indexOf('}', i + 2);
        if (close < 0 || close == i + 2) {
          // Go drops a malformed "${" reference; we keep the text, which is easier to debug.
          out.append(s, i, close < 0 ? s.length() : close + 1);
          i = close < 0 ? s.length() : close + 1;
        } else {
          out.append(lookup(env, s.substring(i + 2, close)));
          i = close + 1;
        }
      } else if (isNameChar(next)) {
        int end = i + 1;
        while (end < s.length() && isNameChar(s.charAt(end))) {
          end++;
        }
        out.append(lookup(env, s.substring(i + 1, end)));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String lookup(UnaryOperator<String> env, String name) {
    String v = env.apply(name);
    return v == null ? "" : v;
  }

  private static boolean isNameChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
