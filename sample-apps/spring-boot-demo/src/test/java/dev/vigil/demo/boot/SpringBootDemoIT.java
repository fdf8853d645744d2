package dev.vigil.demo.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the packaged {@code target/spring-boot-demo.jar} as its own process, exactly as the README
 * says to, and checks what a scraper and an API client see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringBootDemoIT {

  /** A bound on waiting, not an expectation of speed: a loaded 2-core machine can be slow. */
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process app;
  private Path log;
  private URI base;

  @BeforeAll
  void startTheJar() throws Exception {
    Path jar = Path.of("target/spring-boot-demo.jar");
    assertThat(jar).as("the repackaged jar (mvn package)").isRegularFile();
    log = Files.createDirectories(Path.of("target/it-logs")).resolve("spring-boot-demo.log");
    int port = freePort();
    base = URI.create("http://127.0.0.1:" + port);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    app =
        new ProcessBuilder(
                java, "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    awaitResponse("/actuator/health", r -> r.statusCode() == 200);
  }

  @AfterAll
  void stopTheJar() throws InterruptedException {
    if (app != null) {
      app.destroy();
      if (!app.waitFor(
          Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        app.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void servesJvmMetricsLabelledWithTheApplicationName() throws Exception {
    String body = get("/actuator/prometheus").body();

    assertThat(body)
        .contains("jvm_memory_used_bytes{application=\"spring-boot-demo\",area=\"heap\",id=\"")
        .contains("process_uptime_seconds{application=\"spring-boot-demo\"}");
  }

  @Test
  void servesHttpServerMetricsOnceTheLoadGeneratorHasRun() throws Exception {
    // Nobody but the built-in load generator calls /api here.
    String body =
        awaitResponse(
                "/actuator/prometheus",
                r -> !requestCounts(r.body(), "uri=\"/api/orders\"").isEmpty())
            .body();

    assertThat(requestCounts(body, "uri=\"/api/orders\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("application=\"spring-boot-demo\"")
                    .contains("method=\"POST\"")
                    .contains("status=\"201\""));
  }

  @Test
  void rejectsAnInvalidOrderNamingTheField() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/orders",
            "{\"customer\":\"ada\",\"lines\":[{\"sku\":\"A\",\"quantity\":0,\"unitPrice\":1}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("lines[0].quantity must be between 1 and 1000, was 0");
  }

  @Test
  void placesAnOrderAndFindsItAgain() throws Exception {
    HttpResponse<String> placed =
        post(
            "/api/orders",
            "{\"customer\":\"ada\",\"lines\":[{\"sku\":\"A\",\"quantity\":10,\"unitPrice\":12.00}]}");

    assertThat(placed.statusCode()).isEqualTo(201);
    assertThat(placed.body()).contains("\"total\":114.00").contains("\"parcels\":2");
    String id = placed.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    assertThat(get("/api/orders/" + id).body()).contains("\"customer\":\"ada\"");
    assertThat(get("/api/orders/999999999").statusCode()).isEqualTo(404);
  }

  @Test
  void answersASimulatedFailureWith500AndShowsTheExceptionInTheMetrics() throws Exception {
    HttpResponse<String> failed = get("/api/fail?rate=1");

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(requestCounts(get("/actuator/prometheus").body(), "uri=\"/api/fail\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("exception=\"SimulatedFailureException\"")
                    .contains("status=\"500\""));
  }

  @Test
  void rejectsAnOutOfRangeDelayNamingTheParameter() throws Exception {
    HttpResponse<String> response = get("/api/slow?maxMillis=99999");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("maxMillis must be between 0 and 5000, was 99999");
  }

  private static List<String> requestCounts(String exposition, String label) {
    return exposition
        .lines()
        .filter(l -> l.startsWith("http_server_requests_seconds_count{") && l.contains(label))
        .toList();
  }

  private HttpResponse<String> awaitResponse(String path, Predicate<HttpResponse<String>> ready)
      throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    HttpResponse<String> last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!app.isAlive()) {
        fail("the demo exited with %d; its log:%n%s", app.exitValue(), logTail());
      }
      try {
        last = get(path);
        if (ready.test(last)) {
          return last;
        }
      } catch (IOException notYetListening) {
        // Still starting: try again.
      }
      Thread.sleep(500);
    }
    return fail(
        "no ready answer from %s within %s; last: %s; log:%n%s",
        path, PATIENCE, last == null ? "none" : last.statusCode(), logTail());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String logTail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
