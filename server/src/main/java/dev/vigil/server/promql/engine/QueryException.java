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

  /**
   * An error the engine did not anticipate (a bug): reported as {@code kind} so a client still
   * gets a well-formed answer, but the unchecked exception is kept as the cause so tests and
   * logs can tell it apart from the engine's own Prometheus-worded errors.
   */
  QueryException(Kind kind, String message, Throwable cause) {
    super(message, cause, false, true);
    this.kind = kind;
  }

  /** True when this wraps an unexpected unchecked exception rather than a worded error. */
  public boolean isInternal() {
    return getCause() != null;
  }

  public Kind kind() {
    return kind;
  }
}
