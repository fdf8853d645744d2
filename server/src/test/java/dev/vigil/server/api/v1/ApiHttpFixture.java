package dev.vigil.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.memory.MemoryStorage;
import dev.vigil.server.telemetry.TelemetryRegistry;
import dev.vigil.server.web.WebEndpoint;
import dev.vigil.server.web.WebServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the API's HTTP tests share: an in-memory store, a real {@link WebServer} on a free
 * loopback port serving the routes under test, and the JDK client requests that tests send it.
 */
final class ApiHttpFixture implements AutoCloseable {

  private final TelemetryRegistry registry = new TelemetryRegistry();
  private final MemoryStorage storage = new MemoryStorage(registry);
  private final WebServer web = new WebServer(new InetSocketAddress("127.0.0.1", 0), registry);
  private final HttpClient client = HttpClient.newHttpClient();

  /** The store the routes read; tests add samples to it. */
  MemoryStorage storage() {
    return storage;
  }

  /** Mounts {@code routes}, starts listening and reports ready. */
  void start(Map<String, WebEndpoint> routes) throws IOException {
    routes.forEach(web::route);
    web.start();
    web.markReady();
  }

  /** Appends one sample in its own commit. */
  void add(Labels labels, long t, double v) {
    Appender app = storage.appender();
    app.append(labels, t, v);
    app.commit();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + web.address().getPort() + pathAndQuery);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)));
  }

  /** A GET of {@code path} with {@code params} as name, value, ... (values URL-encoded). */
  HttpResponse<String> get(String path, String... params)
      throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder(path).append('?');
    for (int i = 0; i < params.length; i += 2) {
      q.append(params[i]).append('=').append(enc(params[i + 1])).append('&');
    }
    return get(q.toString());
  }

  /** A form-encoded POST, as Grafana sends queries. */
  HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** Prometheus's error envelope for a {@code bad_data} error with {@code message}. */
  static String badData(String message) {
    return "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"" + message + "\"}";
  }

  /** {@code r} is a 400 whose body is exactly the bad_data envelope with {@code message}. */
  static void assertBadData(HttpResponse<String> r, String message) {
    assertThat(r.statusCode()).as("status of %s", r.uri()).isEqualTo(400);
    assertThat(r.body()).isEqualTo(badData(message));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Stops the server, then the store. */
  @Override
  public void close() {
    web.close();
    storage.close();
  }
}
