package dev.vigil.demo.boot;

/** Thrown on purpose by {@code /api/fail} so that 500s and the exception tag show in metrics. */
public class SimulatedFailureException extends RuntimeException {

  public SimulatedFailureException(String message) {
    super(message);
  }
}
