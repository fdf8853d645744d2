package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.OkHttpApp;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls made with OkHttp become {@code http_client_requests_seconds} series. */
class OkHttpInstrumentationIT {

  private ForkedJvm app;
  private int agentPort;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private void startApp(String name, String... extraJvmArguments) throws IOException {
    agentPort = ItEnvironment.freePort();
    List<String> arguments = ForkedJvm.withAgent(agentPort, true, extraJvmArguments);
    arguments.addAll(
        List.of(
            "-cp",
            ItEnvironment.fixtureClasspath("okhttp"),
            OkHttpApp.class.getName()));
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");
    app.awaitStderr("[vigil-agent] instrumentation installed");
  }

  private void run(String command, String expectedOutput) throws IOException {
    app.send(command);
    assertThat(app.awaitStdout("done " + command)).isEqualTo(expectedOutput);
  }

  private static String count(String labels, int count) {
    return "http_client_requests_seconds_count{application=\"OkHttpApp\","
        + "client_name=\"127.0.0.1\","
        + labels
        + ",uri=\"none\"} "
        + count;
  }

  @Test
  void countsExecutedAndEnqueuedCallsOnceWithStatusOutcomeAndHost() throws Exception {
    startApp("okhttp-app");

    run("execute-get", "done execute-get 200");
    run("execute-get", "done execute-get 200");
    run("enqueue-post", "done enqueue-post 404");
    run("refused", "done refused ConnectException");

    String okGets =
        count("exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\"", 2);
    String metrics =
        MetricsScraper.awaitMetricsMatching(app, agentPort, Pattern.compile(Pattern.quote(okGets)));
    assertThat(metrics)
        .contains(
            count("exception=\"none\",method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"404\"", 1))
        .contains(
            count(
                "exception=\"ConnectException\",method=\"GET\",outcome=\"UNKNOWN\","
                    + "status=\"IO_ERROR\"",
                1));
    // Four calls, three series: nothing else (e.g. a per-path uri) was recorded.
    assertThat(
            metrics.lines().filter(line -> line.startsWith("http_client_requests_seconds_count")))
        .hasSize(3);
    assertThat(app.agentLines()).noneMatch(line -> line.contains("could not instrument"));
  }

  @Test
  void countsNothingWhenTheModuleIsSwitchedOff() throws Exception {
    startApp(
        "okhttp-app-disabled", "-Dvigil.instrumentation.okhttp.enabled=false");

    run("execute-get", "done execute-get 200");

    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .contains("jvm_threads_live_threads{application=\"OkHttpApp\"}")
        .doesNotContain("http_client_requests");
  }
}
