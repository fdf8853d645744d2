package dev.vigil.server.api.v1;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.format.GoQuote;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses API time parameters: Unix seconds (fraction rounded to milliseconds) or RFC 3339. */
final class TimeParam {

  private TimeParam() {}

  /** Milliseconds since the epoch; throws {@code bad_data} with Prometheus's message. */
  static long parse(String name, String value) throws ApiException {
    try {
      double seconds = GoFloat.parse(value);
      if (Double.isFinite(seconds) && Math.abs(seconds) < 9.2e15) {
        double whole = seconds < 0 ? Math.ceil(seconds) : Math.floor(seconds);
        long fractionMillis = Math.round((seconds - whole) * 1000);
        return (long) whole * 1000 + fractionMillis;
      }
    } catch (NumberFormatException e) {
      // Not a number: try RFC 3339 below.
    }
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw ApiException.invalidParameter(
          name, "cannot parse " + GoQuote.quote(value) + " to a valid timestamp");
    }
  }
}
