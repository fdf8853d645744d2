package dev.vigil.server.scrape;

/** A scrape that failed before parsing: connection, timeout, HTTP status, body encoding. */
final class ScrapeException extends Exception {

  ScrapeException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
