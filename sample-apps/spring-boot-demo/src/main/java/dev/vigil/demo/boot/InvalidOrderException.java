package dev.vigil.demo.boot;

/** An order request that cannot be placed; the message names the offending field. */
public class InvalidOrderException extends IllegalArgumentException {

  public InvalidOrderException(String message) {
    super(message);
  }
}
