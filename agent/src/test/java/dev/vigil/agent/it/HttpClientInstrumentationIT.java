package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.HttpClientApp;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls made with the JDK's HTTP clients become {@code http_client_requests_seconds} series. */
class HttpClientInstrumentationIT {

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
        List.of("-cp", ItEnvironment.fixtureClasses().toString(), HttpClientApp.class.getName()));
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");
    app.awaitStderr("[vigil-agent] instrumentation installed");
  }

  private void run(String command, String expectedOutput) throws IOException {
    app.send(command);
    assertThat(app.awaitStdout("done " + command)).isEqualTo(expectedOutput);
  }

  private static String count(String labels, int count) {
    return "http_client_requests_seconds_count{application=\"HttpClientApp\",client_name=\"127.0.0.1\","
        + labels
        + ",uri=\"none\"} "
        + count;
  }

  @Test
  void countsEachRequestOnceWithStatusOutcomeAndHost() throws Exception {
    startApp("http-client-app");

    run("jdk-send", "done jdk-send 200");
    run("jdk-send", "done jdk-send 200");
    run("jdk-async", "done jdk-async 404");
    run("jdk-refused", "done jdk-refused ConnectException");
    run("url-delete", "done url-delete 200");
    run("url-missing", "done url-missing 404");

    String okSends =
        count("exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\"", 2);
    String metrics =
        MetricsScraper.awaitMetricsMatching(app, agentPort, Pattern.compile(Pattern.quote(okSends)));
    assertThat(metrics)
        .contains(
            count("exception=\"none\",method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"404\"", 1))
        .contains(
            count(
                "exception=\"ConnectException\",method=\"GET\",outcome=\"UNKNOWN\","
                    + "status=\"IO_ERROR\"",
                1))
        .contains(
            count("exception=\"none\",method=\"DELETE\",outcome=\"SUCCESS\",status=\"200\"", 1))
        .contains(
            count("exception=\"none\",method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\"", 1));
    // Six calls, five series: nothing else (e.g. a per-path uri) was recorded.
    assertThat(metrics.lines().filter(line -> line.startsWith("http_client_requests_seconds_count")))
        .hasSize(5);
  }

  @Test
  void countsNothingWhenTheClientModulesAreSwitchedOff() throws Exception {
    startApp(
        "http-client-app-disabled",
        "-Dvigil.instrumentation.jdk-http-client.enabled=false",
        "-Dvigil.instrumentation.http-url-connection.enabled=false");

    run("jdk-send", "done jdk-send 200");
    run("url-delete", "done url-delete 200");

    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .contains("jvm_threads_live_threads{application=\"HttpClientApp\"}")
        .doesNotContain("http_client_requests");
  }
}
