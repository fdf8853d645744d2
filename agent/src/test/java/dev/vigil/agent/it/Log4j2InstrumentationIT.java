package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.Log4j2App;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * log4j2 events become {@code log4j2_events_total{level}}, as with Micrometer's {@code
 * Log4j2Metrics}.
 */
class Log4j2InstrumentationIT {

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
        List.of("-cp", ItEnvironment.fixtureClasspath("log4j2"), Log4j2App.class.getName()));
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");
    app.awaitStderr("[vigil-agent] instrumentation installed");
    app.send("log");
    app.awaitStdout("done");
  }

  private static String events(String level, String count) {
    return "log4j2_events_total{application=\"Log4j2App\",level=\"" + level + "\"} " + count;
  }

  @Test
  void countsEventsThatReachTheLogsPerLevel() throws Exception {
    startApp("log4j2-app");

    String metrics =
        MetricsScraper.awaitMetricsMatching(
            app, agentPort, Pattern.compile(Pattern.quote(events("error", "3.0"))));

    assertThat(metrics)
        .contains(events("fatal", "1.0"))
        .contains(events("warn", "1.0"))
        // The orders logger's event passes its own config and the root's: still one event.
        .contains(events("info", "3.0"))
        .contains(events("debug", "1.0"))
        .contains(events("trace", "0.0"));
  }

  @Test
  void countsNothingWhenTheModuleIsSwitchedOff() throws Exception {
    startApp("log4j2-app-disabled", "-Dvigil.instrumentation.log4j2.enabled=false");

    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .contains("jvm_threads_live_threads{application=\"Log4j2App\"}")
        .doesNotContain("log4j2_events");
  }
}
