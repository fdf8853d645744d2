package dev.vigil.demo.plain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Dispatches requests by exact path to the routing table, and turns every outcome into a JSON
 * answer: 404 for an unknown path, 405 for a wrong method, 400 for bad parameters, 500 for
 * failures.
 */
final class Router implements HttpHandler {

  private static final System.Logger logger = System.getLogger(Router.class.getName());

  private final Map<String, Route> routes = new LinkedHashMap<>();

  Router(List<Route> table) {
    for (Route route : table) {
      if (routes.putIfAbsent(route.path(), route) != null) {
        throw new IllegalArgumentException("two routes for " + route.path());
      }
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Response response;
    try {
      response = dispatch(exchange);
    } catch (BadRequestException e) {
      response = Response.error(400, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response = Response.error(503, "interrupted");
    } catch (Exception e) {
      logger.log(Level.WARNING, "Request " + exchange.getRequestURI() + " failed", e);
      response = Response.error(500, e.toString());
    }
    send(exchange, response);
  }

  private Response dispatch(HttpExchange exchange) throws Exception {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/")) {
      return Response.ok(index());
    }
    Route route = routes.get(path);
    if (route == null) {
      return Response.error(404, "no such path: " + path + " (GET / lists the endpoints)");
    }
    if (!route.method().equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", route.method());
      return Response.error(405, path + " only answers " + route.method());
    }
    return route.endpoint().handle(Query.of(exchange.getRequestURI()));
  }

  /** The routing table as JSON, so a person can find their way around with curl. */
  private String index() {
    return routes.values().stream()
        .map(
            r ->
                "{\"method\":\""
                    + r.method()
                    + "\",\"path\":\""
                    + Json.escape(r.path())
                    + "\",\"description\":\""
                    + Json.escape(r.description())
                    + "\"}")
        .collect(Collectors.joining(",", "{\"endpoints\":[", "]}"));
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    byte[] body = response.json().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(response.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
