package dev.vigil.server.promql.ast;

import dev.vigil.server.promql.lexer.GoText;

/**
 * Where a node sits in the query: char indexes, start inclusive, end exclusive.
 *
 * <p>Prometheus counts bytes, so {@link #lineColumn} converts to its {@code line:col} form, with a
 * 1-based column in UTF-8 bytes. That string is what error messages and annotations show.
 */
public record PositionRange(int start, int end) {

  /** A range covering both, from the start of {@code first} to the end of {@code last}. */
  public static PositionRange merge(PositionRange first, PositionRange last) {
    return new PositionRange(first.start, last.end);
  }

  /** Prometheus's {@code line:col} of the start, e.g. {@code 1:14}. */
  public String lineColumn(String query) {
    if (query.isEmpty()) {
      return "unknown position";
    }
    if (start < 0 || start > query.length()) {
      return "invalid position";
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < start; i++) {
      if (query.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return line + ":" + (GoText.utf8Length(query, lineStart, start) + 1);
  }
}
