package dev.vigil.server.promql.engine;

/** A query that could not be parsed or evaluated, with the kind the HTTP API maps to a status. */
public final class QueryException extends Exception {

  /** What went wrong, in the API's terms. */
  public enum Kind {
    /** The query text or its parameters are invalid (400). */
    BAD_DATA,
    /** Evaluation failed (422). */
    EXECUTION,
    /** The query ran past its timeout (503). */
    TIMEOUT
  }

  private final Kind kind;

  public QueryException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
