package dev.vigil.server.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as endpoints see it: method, path, headers and parameters, where the parameters of a
 * form-encoded POST body come before those of the URL query (Go's {@code r.FormValue} order).
 */
public final class WebRequest {

  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final Map<String, List<String>> params;

  /**
   * Creates a request.
   *
   * @param headers header names in lower case
   */
  public WebRequest(
      String method,
      String path,
      Map<String, List<String>> headers,
      Map<String, List<String>> params) {
    this.method = method;
    this.path = path;
    this.headers = Map.copyOf(headers);
    this.params = Map.copyOf(params);
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The first value of a parameter, or null when absent. */
  public String param(String name) {
    List<String> v = params.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** All values of a parameter, body values first. */
  public List<String> params(String name) {
    return params.getOrDefault(name, List.of());
  }

  /**
   * Decodes {@code application/x-www-form-urlencoded} text into {@code into}, appending values.
   *
   * @throws IllegalArgumentException on malformed percent-encoding
   */
  public static void decodeForm(String text, Map<String, List<String>> into) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      into.computeIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), x -> new ArrayList<>())
          .add(URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
  }

  /** Parses form text into a fresh map, for tests and callers that build requests. */
  public static Map<String, List<String>> parseForm(String text) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    decodeForm(text, m);
    return m;
  }
}
