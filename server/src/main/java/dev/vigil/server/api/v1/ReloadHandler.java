package dev.vigil.server.api.v1;

import dev.vigil.server.config.ConfigException;
import dev.vigil.server.web.WebEndpoint;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code POST|PUT /-/reload}: re-reads and applies the configuration file, answering in plain text
 * as Prometheus does. A bad file yields 500 with {@code file:line} and the old config keeps
 * running; without {@code --web.enable-lifecycle} the call is refused with 403.
 */
final class ReloadHandler implements WebEndpoint {

  private final ServerState state;

  ReloadHandler(ServerState state) {
    this.state = state;
  }

  @Override
  public WebResponse handle(WebRequest request) {
    String m = request.method();
    if (!m.equals("POST") && !m.equals("PUT")) {
      return new WebResponse(
          405,
          "text/plain; charset=utf-8",
          "Method Not Allowed\n".getBytes(StandardCharsets.UTF_8),
          Map.of("Allow", "POST, PUT"));
    }
    if (!state.lifecycleEnabled()) {
      return WebResponse.text(403, "Lifecycle API is not enabled.\n");
    }
    try {
      state.reload();
    } catch (ConfigException e) {
      return WebResponse.text(500, "failed to reload config: " + e.getMessage() + "\n");
    }
    return WebResponse.text(200, "");
  }
}
