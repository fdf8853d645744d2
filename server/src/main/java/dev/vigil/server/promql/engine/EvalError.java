package dev.vigil.server.promql.engine;

/** Unwinds an evaluation with a Prometheus-worded error; caught and converted by the engine. */
final class EvalError extends RuntimeException {

  private final QueryException.Kind kind;

  EvalError(String message) {
    this(QueryException.Kind.EXECUTION, message);
  }

  EvalError(QueryException.Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  QueryException toQueryException() {
    return new QueryException(kind, getMessage());
  }
}
