package dev.vigil.demo.plain;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The query parameters of one request, with range-checked numeric access. */
final class Query {

  private final Map<String, String> values;

  private Query(Map<String, String> values) {
    this.values = values;
  }

  /** Parses the raw query of {@code uri}; a repeated parameter keeps its last value. */
  static Query of(URI uri) {
    Map<String, String> values = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        values.put(decode(name), decode(value));
      }
    }
    return new Query(values);
  }

  /** A required integer parameter in [min, max]. */
  int intParam(String name, int min, int max) {
    if (!values.containsKey(name)) {
      throw new BadRequestException(
          "parameter '" + name + "' is required: an integer from " + min + " to " + max);
    }
    return intParam(name, 0, min, max);
  }

  /** An integer parameter in [min, max], or {@code fallback} when absent. */
  int intParam(String name, int fallback, int min, int max) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new BadRequestException(
        "parameter '"
            + name
            + "' must be an integer from "
            + min
            + " to "
            + max
            + ", was '"
            + value
            + "'");
  }

  /** A probability parameter in [0, 1], or {@code fallback} when absent. */
  double rateParam(String name, double fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= 0 && parsed <= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new BadRequestException(
        "parameter '" + name + "' must be a number from 0 to 1, was '" + value + "'");
  }

  /** A {@link URI} only holds well-formed escapes, so decoding its raw query cannot fail. */
  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
