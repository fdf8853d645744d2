package dev.vigil.server.storage.tsdb.index;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Recognises the regexes that selectors use most and that need no regex engine: literal
 * alternations ({@code a|b|c}), prefixes ({@code api_.*}), {@code .*} and {@code .+}. Anything else
 * yields null and goes to RE2.
 *
 * <p>Sound because label matchers are fully anchored and compiled with DOTALL, so {@code .*} really
 * is "any string" and a literal alternation is exactly a set.
 */
final class RegexShape {

  private static final String META = "\\.+*?()|[]{}^$";

  private final Set<String> literals;
  private final String prefix;
  private final boolean nonEmpty;

  private RegexShape(Set<String> literals, String prefix, boolean nonEmpty) {
    this.literals = literals;
    this.prefix = prefix;
    this.nonEmpty = nonEmpty;
  }

  /** The shape of {@code regex}, or null when it is not one of the recognised forms. */
  static RegexShape of(String regex) {
    if (regex.equals(".*")) {
      return new RegexShape(null, "", false);
    }
    if (regex.equals(".+")) {
      return new RegexShape(null, "", true);
    }
    if (regex.endsWith(".*") && !regex.endsWith("\\.*")) {
      String p = literal(regex.substring(0, regex.length() - 2));
      return p == null ? null : new RegexShape(null, p, false);
    }
    Set<String> set = new LinkedHashSet<>();
    int start = 0;
    for (int i = 0; i <= regex.length(); i++) {
      if (i == regex.length() || (regex.charAt(i) == '|' && !escaped(regex, i))) {
        String lit = literal(regex.substring(start, i));
        if (lit == null) {
          return null;
        }
        set.add(lit);
        start = i + 1;
      }
    }
    return new RegexShape(Set.copyOf(set), null, false);
  }

  /** The accepted values when they form a finite set, else null. */
  Set<String> literals() {
    return literals;
  }

  boolean matches(String value) {
    if (literals != null) {
      return literals.contains(value);
    }
    return value.startsWith(prefix) && (!nonEmpty || !value.isEmpty());
  }

  /** Whether the character at {@code i} is preceded by an odd number of backslashes. */
  private static boolean escaped(String s, int i) {
    int n = 0;
    for (int j = i - 1; j >= 0 && s.charAt(j) == '\\'; j--) {
      n++;
    }
    return n % 2 == 1;
  }

  /** The string {@code s} matches literally, or null when it contains regex syntax. */
  private static String literal(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        // Only escaped punctuation is literal; \d, \w, \pL and friends are classes.
        if (i + 1 >= s.length() || Character.isLetterOrDigit(s.charAt(i + 1))) {
          return null;
        }
        out.append(s.charAt(++i));
      } else if (META.indexOf(c) >= 0) {
        return null;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
