package dev.vigil.agent.metrics;

import java.util.Locale;
import java.util.Set;

/**
 * Reads the operation of a SQL statement from its first keyword, cheaply (no parsing): leading
 * blanks, comments and parentheses are skipped. Only keywords of the table are kept, so the tag
 * stays bounded whatever SQL an application sends.
 */
final class SqlOperations {

  /** A row per operation we report by name; everything else is {@link #OTHER}. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "CALL", "WITH",
          "VALUES", "CREATE", "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE", "BEGIN", "COMMIT",
          "ROLLBACK", "SAVEPOINT", "SET", "SHOW", "EXPLAIN", "LOCK");

  static final String OTHER = "OTHER";
  static final String UNKNOWN = "UNKNOWN";
  static final String BATCH = "BATCH";

  private SqlOperations() {}

  /** The upper-case operation of {@code sql}; {@link #UNKNOWN} when the SQL is not known. */
  static String of(String sql) {
    if (sql == null) {
      return UNKNOWN;
    }
    int i = skipIgnorable(sql, 0);
    // JDBC escape syntax: "{call proc(?)}" and "{? = call proc(?)}".
    if (i < sql.length() && sql.charAt(i) == '{') {
      return sql.toUpperCase(Locale.ROOT).contains("CALL") ? "CALL" : OTHER;
    }
    int end = i;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    String keyword = sql.substring(i, end).toUpperCase(Locale.ROOT);
    return KEYWORDS.contains(keyword) ? keyword : OTHER;
  }

  private static int skipIgnorable(String sql, int from) {
    int i = from;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int newline = sql.indexOf('\n', i);
        i = newline < 0 ? sql.length() : newline + 1;
      } else if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? sql.length() : close + 2;
      } else {
        break;
      }
    }
    return i;
  }
}
