package dev.vigil.server.promql;

/**
 * A query that does not parse, worded as Prometheus words it: {@code 1:5: parse error: unexpected
 * character inside braces: '*'} (line and 1-based column of where the problem starts).
 */
public final class PromqlParseException extends Exception {

  private final int line;
  private final int column;
  private final String reason;

  PromqlParseException(String query, int offset, String reason) {
    this(lineOf(query, offset), columnOf(query, offset), reason);
  }

  private PromqlParseException(int line, int column, String reason) {
    super(line + ":" + column + ": parse error: " + reason);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String reason() {
    return reason;
  }

  private static int lineOf(String query, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, query.length()); i++) {
      if (query.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int columnOf(String query, int offset) {
    int lastBreak = query.lastIndexOf('\n', Math.min(offset, query.length()) - 1);
    return offset - lastBreak;
  }
}
