package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.fixture.HttpServerApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests to an app's JDK HTTP server become {@code http_server_requests_seconds} series. */
class JdkHttpServerInstrumentationIT {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ForkedJvm app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private int agentPort;
  private int appPort;

  private void startApp(String name, String... extraJvmArguments) throws IOException {
    agentPort = ItEnvironment.freePort();
    appPort = ItEnvironment.freePort();
    List<String> arguments = ForkedJvm.withAgent(agentPort, false, extraJvmArguments);
    arguments.addAll(
        List.of(
            "-cp",
            ItEnvironment.fixtureClasses().toString(),
            HttpServerApp.class.getName(),
            String.valueOf(appPort)));
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");
  }

  private int get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static Pattern series(String labels, String value) {
    return Pattern.compile(
        Pattern.quote(
                "http_server_requests_seconds_count{application=\"HttpServerApp\"," + labels + "} ")
            + value);
  }

  @Test
  void countsRequestsByContextStatusAndOutcome() throws Exception {
    startApp("http-server-app");
    // Wait for the whole agent, instrumentation included, before sending requests.
    MetricsScraper.awaitMetricsMatching(
        app, agentPort, Pattern.compile("jvm_threads_live_threads"));
    Pattern hello =
        series(
            "exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/hello\"",
            "[1-9]");
    // The transformation may land a moment after the endpoint is up: poll with fresh requests.
    String metrics = null;
    for (int attempt = 0; metrics == null && attempt < 200; attempt++) {
      assertThat(get("/hello")).isEqualTo(200);
      String scraped = MetricsScraper.awaitMetrics(app, agentPort);
      metrics = hello.matcher(scraped).find() ? scraped : null;
      ForkedJvm.pause();
    }
    assertThat(metrics).as("series for /hello after 200 requests; %s", app.describe()).isNotNull();

    assertThat(get("/missing")).isEqualTo(404);
    assertThat(get("/missing")).isEqualTo(404);
    assertThatThrownBy(() -> get("/boom")).isInstanceOf(IOException.class);

    MetricsScraper.awaitMetricsMatching(
        app,
        agentPort,
        series(
            "exception=\"none\",method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\","
                + "uri=\"/missing\"",
            "2"));
    String afterErrors =
        MetricsScraper.awaitMetricsMatching(
            app,
            agentPort,
            series(
                "exception=\"IllegalStateException\",method=\"GET\",outcome=\"UNKNOWN\","
                    + "status=\"UNKNOWN\",uri=\"/boom\"",
                // Not exactly 1: the JDK client retries a GET whose connection closes unanswered.
                "[1-9]"));
    // The agent's own endpoint runs on the same JDK server classes but is not counted.
    assertThat(afterErrors).doesNotContain("uri=\"/\"").doesNotContain("uri=\"/metrics\"");
    assertThat(app.agentLines()).isEmpty();
  }

  @Test
  void countsTheVeryFirstRequestWhenInstalledImmediately() throws Exception {
    // "app started" comes after the app's server is listening: the request goes out the moment
    // its port is open, before anything of the agent was waited for.
    startApp("http-server-app-immediate", "-Dvigil.instrumentation.install=immediate");
    assertThat(get("/hello")).isEqualTo(200);

    String metrics =
        MetricsScraper.awaitMetricsMatching(
            app, agentPort, Pattern.compile("http_server_requests_seconds_count"));

    assertThat(metrics)
        .contains(
            "http_server_requests_seconds_count{application=\"HttpServerApp\",exception=\"none\","
                + "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/hello\"} 1");
    assertThat(app.agentLines()).isEmpty();
  }

  @Test
  void countsNothingWhenTheModuleIsSwitchedOff() throws Exception {
    startApp("http-server-app-disabled", "-Dvigil.instrumentation.jdk-http-server.enabled=false");
    MetricsScraper.awaitMetrics(app, agentPort);

    for (int i = 0; i < 5; i++) {
      assertThat(get("/hello")).isEqualTo(200);
    }

    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .contains("jvm_threads_live_threads{application=\"HttpServerApp\"}")
        .doesNotContain("http_server_requests");
  }
}
