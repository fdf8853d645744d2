package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.WebFluxApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests served by Spring WebFlux on Reactor Netty become {@code http_server_requests_seconds}
 * series labelled with the route pattern.
 */
class WebFluxInstrumentationIT {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ForkedJvm app;
  private int agentPort;
  private int appPort;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private void startApp(String name, String... jvmArguments) throws IOException {
    agentPort = ItEnvironment.freePort();
    appPort = ItEnvironment.freePort();
    List<String> arguments = ForkedJvm.withAgent(agentPort, false, jvmArguments);
    arguments.addAll(
        List.of(
            "-cp",
            ItEnvironment.fixtureClasspath("webflux-spring", "webflux-netty"),
            WebFluxApp.class.getName(),
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

  private static Pattern count(String labels, String value) {
    return Pattern.compile(
        Pattern.quote(
                "http_server_requests_seconds_count{application=\"WebFluxApp\"," + labels + "} ")
            + value
            + "(\\.0)?\\n");
  }

  private static String labels(String exception, String outcome, String status, String uri) {
    return "exception=\""
        + exception
        + "\",method=\"GET\",outcome=\""
        + outcome
        + "\",status=\""
        + status
        + "\",uri=\""
        + uri
        + "\"";
  }

  /** Sends {@code path} until its series shows up; returns the series' count at that point. */
  private long warmUp(String path, String series) throws Exception {
    Pattern pattern = count(series, "([0-9]+)");
    for (int attempt = 0; attempt < 200; attempt++) {
      assertThat(get(path)).isEqualTo(200);
      Matcher matcher = pattern.matcher(MetricsScraper.awaitMetrics(app, agentPort));
      if (matcher.find()) {
        return Long.parseLong(matcher.group(1));
      }
      ForkedJvm.pause();
    }
    throw new AssertionError("no series " + series + " after 200 requests; " + app.describe());
  }

  private void awaitCount(String series, long value) throws Exception {
    MetricsScraper.awaitMetricsMatching(app, agentPort, count(series, Long.toString(value)));
  }

  @Test
  void labelsRequestsWithTheRoutePatternStatusAndException() throws Exception {
    startApp("webflux");
    String orders = labels("none", "SUCCESS", "200", "/orders/{id}");
    long ordersCount = warmUp("/orders/1", orders);

    assertThat(get("/orders/2")).isEqualTo(200);
    assertThat(get("/orders/3/later")).isEqualTo(200);
    assertThat(get("/orders/4/fail")).isEqualTo(500);
    assertThat(get("/unmapped")).isEqualTo(404);

    awaitCount(orders, ordersCount + 1);
    // Completed on a timer thread after handle() returned: timed to the Mono's end.
    awaitCount(labels("none", "SUCCESS", "200", "/orders/{id}/later"), 1);
    awaitCount(
        labels("UnsupportedOperationException", "SERVER_ERROR", "500", "/orders/{id}/fail"), 1);
    awaitCount(labels("none", "CLIENT_ERROR", "404", "NOT_FOUND"), 1);
    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .doesNotContain("uri=\"/orders/2\"")
        .doesNotContain("uri=\"/unmapped\"");
    assertThat(app.agentLines()).isEmpty();
  }

  @Test
  void countsNothingWhenTheModuleIsSwitchedOff() throws Exception {
    startApp(
        "webflux-disabled",
        "-Dvigil.instrumentation.spring-webflux.enabled=false",
        "-Dvigil.agent.debug=true");
    app.awaitStderr("[vigil-agent] instrumentation installed");

    for (int i = 0; i < 5; i++) {
      assertThat(get("/orders/1")).isEqualTo(200);
    }

    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .contains("jvm_threads_live_threads{application=\"WebFluxApp\"}")
        .doesNotContain("http_server_requests");
  }
}
