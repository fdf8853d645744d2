package dev.vigil.server.api.v1;

import dev.vigil.server.web.WebEndpoint;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An API resource: checks the method and turns {@link ApiException}s into Prometheus's error
 * envelope.
 */
interface ApiEndpoint extends WebEndpoint {

  /** Whether POST is accepted besides GET (query endpoints, for long queries from Grafana). */
  default boolean allowsPost() {
    return false;
  }

  WebResponse serve(WebRequest request) throws ApiException;

  @Override
  default WebResponse handle(WebRequest request) {
    String m = request.method();
    boolean allowed = m.equals("GET") || m.equals("HEAD") || (allowsPost() && m.equals("POST"));
    if (!allowed) {
      return new WebResponse(
          405,
          "text/plain; charset=utf-8",
          "Method Not Allowed\n".getBytes(StandardCharsets.UTF_8),
          Map.of("Allow", allowsPost() ? "GET, POST" : "GET"));
    }
    try {
      return serve(request);
    } catch (ApiException e) {
      return ApiJson.error(e);
    }
  }
}
