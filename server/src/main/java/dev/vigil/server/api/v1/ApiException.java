package dev.vigil.server.api.v1;

/** A request the API answers with an error envelope of the given type. */
public final class ApiException extends Exception {

  private final ApiErrorType type;

  public ApiException(ApiErrorType type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  /** A bad parameter, worded as Prometheus does: {@code invalid parameter "time": <cause>}. */
  static ApiException invalidParameter(String name, String cause) {
    return new ApiException(ApiErrorType.BAD_DATA, "invalid parameter \"" + name + "\": " + cause);
  }

  public ApiErrorType type() {
    return type;
  }
}
