package dev.vigil.demo.boot;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.ServerHttpObservationFilter;

/** Turns exceptions into JSON error answers: 400 for bad input, 500 for simulated failures. */
@RestControllerAdvice
class ApiErrorHandler {

  @ExceptionHandler(IllegalArgumentException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  Map<String, String> badRequest(IllegalArgumentException e) {
    return Map.of("error", e.getMessage());
  }

  /**
   * Answers 500 without the servlet container logging a stack trace for every simulated failure. An
   * exception handled here is invisible to the {@code http.server.requests} observation unless
   * recorded on it, and the point of the demo is to show {@code exception="..."} in the metrics.
   */
  @ExceptionHandler(SimulatedFailureException.class)
  ResponseEntity<Map<String, String>> simulatedFailure(
      SimulatedFailureException e, HttpServletRequest request) {
    ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setError(e));
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(Map.of("error", e.getMessage()));
  }
}
