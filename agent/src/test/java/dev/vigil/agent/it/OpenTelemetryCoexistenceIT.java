package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.HttpServerApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vigil's agent and the OpenTelemetry javaagent (from Maven Central) in one JVM, in either order of
 * the {@code -javaagent} flags: the app serves, and each agent's endpoint answers with its own
 * measurement of the same requests.
 */
class OpenTelemetryCoexistenceIT {

  private static final Pattern VIGIL_HELLO =
      Pattern.compile(
          Pattern.quote(
                  "http_server_requests_seconds_count{application=\"HttpServerApp\","
                      + "exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                      + "uri=\"/hello\"} ")
              + "[1-9]");

  /** OpenTelemetry's own JVM metric, under its semantic-convention name. */
  private static final Pattern OTEL_JVM = Pattern.compile("(?m)^jvm_thread_count\\{");

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ForkedJvm app;
  private int appPort;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private void hello() throws java.io.IOException {
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/hello"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("hello\n");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.IOException(e);
    }
  }

  @ParameterizedTest(name = "Vigil first: {0}")
  @ValueSource(booleans = {true, false})
  void bothAgentsMeasureTheAppWhichServesNormally(boolean vigilFirst) throws Exception {
    int vigilPort = ItEnvironment.freePort();
    int otelPort = ItEnvironment.freePort();
    appPort = ItEnvironment.freePort();
    String otelAgent = "-javaagent:" + ItEnvironment.openTelemetryAgent();
    List<String> arguments = new ArrayList<>();
    if (!vigilFirst) {
      arguments.add(otelAgent);
    }
    arguments.addAll(ForkedJvm.withAgent(vigilPort, false));
    if (vigilFirst) {
      arguments.add(otelAgent);
    }
    arguments.addAll(
        List.of(
            "-Dotel.metrics.exporter=prometheus",
            "-Dotel.exporter.prometheus.host=127.0.0.1",
            "-Dotel.exporter.prometheus.port=" + otelPort,
            "-Dotel.traces.exporter=none",
            "-Dotel.logs.exporter=none",
            "-cp",
            ItEnvironment.fixtureClasses().toString(),
            HttpServerApp.class.getName(),
            Integer.toString(appPort)));
    String name = "otel-coexistence-" + (vigilFirst ? "vigil-first" : "otel-first");
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");

    // Requests are repeated until the retransformation has landed (see JdkHttpServer IT).
    String vigil = MetricsScraper.awaitMetricsMatching(app, vigilPort, VIGIL_HELLO, this::hello);
    String otel = MetricsScraper.awaitMetricsMatching(app, otelPort, OTEL_JVM, this::hello);

    assertThat(vigil)
        .contains("jvm_threads_live_threads{application=\"HttpServerApp\"}")
        .doesNotContain("otel_scope_name");
    // OpenTelemetry saw the same requests through its own JDK HTTP server instrumentation.
    assertThat(otel)
        .containsPattern(
            "(?m)^http_server_request_duration_seconds_count\\{[^}]*http_route=\"/hello\"")
        .doesNotContain("application=\"HttpServerApp\"");
    assertThat(app.agentLines()).isEmpty();
    hello();
    assertThat(app.isAlive()).isTrue();
  }
}
