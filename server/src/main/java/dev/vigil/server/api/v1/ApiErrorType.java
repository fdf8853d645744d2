package dev.vigil.server.api.v1;

/** Prometheus's API error types, with their wire names and default HTTP statuses. */
public enum ApiErrorType {
  /** Bad parameters, including query parse errors. */
  BAD_DATA("bad_data", 400),
  /** The query failed while running. */
  EXECUTION("execution", 422),
  /** The client gave up. */
  CANCELED("canceled", 499),
  /** The query ran out of time. */
  TIMEOUT("timeout", 503),
  /** Storage or other internal failures. */
  INTERNAL("internal", 500),
  /** Not ready or disabled. */
  UNAVAILABLE("unavailable", 500),
  /** No such resource. */
  NOT_FOUND("not_found", 404),
  /** Content negotiation failed. */
  NOT_ACCEPTABLE("not_acceptable", 406);

  private final String wireName;
  private final int httpStatus;

  ApiErrorType(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  public String wireName() {
    return wireName;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
