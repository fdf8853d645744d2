package dev.vigil.demo.plain;

/** A request the demo cannot serve as asked; the message names the offending parameter. */
final class BadRequestException extends RuntimeException {

  BadRequestException(String message) {
    super(message);
  }
}
