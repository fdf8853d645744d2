package dev.vigil.metrics.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses an os-release(5) file: shell-style {@code KEY=value} lines whose values may be single- or
 * double-quoted, with backslash escapes inside double quotes.
 */
final class OsReleaseParser {

  /** Compiled once: {@code String.matches} compiles its regex on every call, every scrape. */
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  static final Parser<Map<String, String>> PARSER = OsReleaseParser::parse;

  private OsReleaseParser() {}

  static Map<String, String> parse(String text, ParseIssues issues) {
    Map<String, String> values = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq > 0 ? line.substring(0, eq) : "";
      if (!KEY.matcher(key).matches()) {
        issues.add(i + 1, "expected KEY=value but got \"" + line + "\"");
        continue;
      }
      try {
        values.put(key, unquote(line.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        issues.add(i + 1, key + ": " + e.getMessage());
      }
    }
    return Collections.unmodifiableMap(values);
  }

  private static String unquote(String raw) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote != '\'' && i + 1 < raw.length()) {
        out.append(raw.charAt(++i));
      } else {
        out.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException(
          "unterminated " + quote + " quote at position " + (raw.lastIndexOf(quote) + 1));
    }
    return out.toString();
  }
}
