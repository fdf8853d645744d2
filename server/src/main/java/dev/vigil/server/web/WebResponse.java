package dev.vigil.server.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete response: status, content type, body and extra headers. */
public record WebResponse(
    int status, String contentType, byte[] body, Map<String, String> headers) {

  public WebResponse {
    headers = Map.copyOf(headers);
  }

  /** A plain-text response in UTF-8. */
  public static WebResponse text(int status, String body) {
    return new WebResponse(
        status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A JSON response. */
  public static WebResponse json(int status, byte[] body) {
    return new WebResponse(status, "application/json", body, Map.of());
  }
}
