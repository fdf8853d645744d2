package dev.vigil.server.scrape;

/**
 * A target's exposition that cannot be parsed: names the line, the column and what was wrong. Like
 * Prometheus, one bad line fails the whole scrape.
 */
public final class ParseException extends Exception {

  private final int line;
  private final int column;
  private final String reason;

  public ParseException(int line, int column, String reason) {
    super("line " + line + ", column " + column + ": " + reason);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** 1-based line number. */
  public int line() {
    return line;
  }

  /** 1-based column (in characters) where the problem starts. */
  public int column() {
    return column;
  }

  public String reason() {
    return reason;
  }
}
