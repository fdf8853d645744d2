package dev.vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.telemetry.TelemetryRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebServerTest {

  private final TelemetryRegistry registry = new TelemetryRegistry();
  private final WebServer server = new WebServer(new InetSocketAddress("127.0.0.1", 0), registry);
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server.route(
        "/echo", r -> WebResponse.text(200, r.method() + " " + r.params("q") + " " + r.param("x")));
    server.route(
        "/boom",
        r -> {
          throw new IllegalStateException("kaputt");
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  @Test
  void answersHealthyAtOnce() throws Exception {
    HttpResponse<String> r = get("/-/healthy");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("Vigil Server is Healthy.\n");
  }

  @Test
  void answersReadyOnlyOnceMarkedReadyAndGatesRoutesUntilThen() throws Exception {
    assertThat(get("/-/ready").statusCode()).isEqualTo(503);
    assertThat(get("/echo").statusCode()).isEqualTo(503);

    server.markReady();

    HttpResponse<String> ready = get("/-/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("Vigil Server is Ready.\n");
    assertThat(get("/echo").statusCode()).isEqualTo(200);
  }

  @Test
  void answers503ForUnknownPathsUntilReady() throws Exception {
    // Routes are registered only once the store is open, so an API path may be unknown yet.
    assertThat(get("/api/v1/query").statusCode()).isEqualTo(503);
  }

  @Test
  void answers404ForUnknownPaths() throws Exception {
    server.markReady();

    HttpResponse<String> r = get("/nope");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("404 page not found\n");
  }

  @Test
  void turnsHandlerExceptionsIntoA500JsonErrorAndKeepsServing() throws Exception {
    server.markReady();

    HttpResponse<String> r = get("/boom");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body())
        .isEqualTo("{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"kaputt\"}");
    assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
  }

  @Test
  void mergesFormBodyParametersBeforeQueryParameters() throws Exception {
    server.markReady();

    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(uri("/echo?q=from+url&x=url"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=from%20body&x=body"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.body()).isEqualTo("POST [from body, from url] body");
  }

  @Test
  void refusesMalformedParameters() throws Exception {
    server.markReady();
    // java.net.URI refuses to build such a request, so write it by hand.
    try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
      socket
          .getOutputStream()
          .write(
              "GET /echo?q=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();

      assertThat(statusLine).startsWith("HTTP/1.1 400");
    }
  }

  @Test
  void gzipsForClientsThatAcceptIt() throws Exception {
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(uri("/-/healthy"))
                .header("Accept-Encoding", "br;q=1, gzip;q=0.5")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("Vigil Server is Healthy.\n");
    }
    assertThat(
            get("/-/healthy", "Accept-Encoding", "gzip;q=0")
                .headers()
                .firstValue("Content-Encoding"))
        .isEmpty();
  }

  @Test
  void servesItsOwnMetricsInTheTextFormat() throws Exception {
    get("/-/healthy");

    HttpResponse<String> r = get("/metrics");

    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body())
        .contains("vigil_http_requests_total{handler=\"/-/healthy\",code=\"200\"} 1\n");
  }

  @Test
  void parsesAcceptEncodingWeights() {
    assertThat(WebServer.acceptsGzip("gzip")).isTrue();
    assertThat(WebServer.acceptsGzip("deflate, GZIP;q=0.1")).isTrue();
    assertThat(WebServer.acceptsGzip("*")).isTrue();
    assertThat(WebServer.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(WebServer.acceptsGzip("identity")).isFalse();
    assertThat(WebServer.acceptsGzip(null)).isFalse();
  }
}
