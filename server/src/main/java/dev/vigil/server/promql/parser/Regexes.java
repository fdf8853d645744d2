package dev.vigil.server.promql.parser;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Validates matcher regexes on their own, before they are anchored, with Go's wording ({@code error
 * parsing regexp: missing closing ): `(.*`}).
 *
 * <p>Checking the bare pattern matters: once wrapped as {@code ^(?:re)$}, an unbalanced pattern
 * such as {@code a)|(b} would compile into something else instead of failing as in Prometheus.
 */
final class Regexes {

  private Regexes() {}

  /** Null when {@code re} is a valid RE2 pattern, otherwise the error message. */
  static String check(String re) {
    try {
      Pattern.compile(re);
      return null;
    } catch (PatternSyntaxException e) {
      // RE2/J reports a stray ")" as an internal stack underflow; Go calls it what it is.
      if (e.getDescription().startsWith("regexp/syntax: internal error")) {
        return "error parsing regexp: unexpected ): `" + re + "`";
      }
      return e.getMessage();
    }
  }
}
