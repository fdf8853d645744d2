package dev.vigil.server.promql.parser;

import dev.vigil.server.promql.ast.PositionRange;
import java.util.Objects;

/**
 * A query that does not parse or type-check. The message has Prometheus's form, {@code 1:14: parse
 * error: unexpected end of input}, with a 1-based line and byte column.
 */
public final class ParseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient PositionRange positionRange;
  private final String query;
  private final String detail;

  public ParseException(String query, PositionRange positionRange, String detail) {
    super(positionRange.lineColumn(query) + ": parse error: " + detail);
    this.query = Objects.requireNonNull(query);
    this.positionRange = positionRange;
    this.detail = detail;
  }

  /** Where in the query the problem is. */
  public PositionRange positionRange() {
    return positionRange;
  }

  /** The query that failed. */
  public String query() {
    return query;
  }

  /** The message without the position prefix, e.g. {@code unexpected end of input}. */
  public String detail() {
    return detail;
  }
}
