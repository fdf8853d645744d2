package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.LogbackApp;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Logback events become {@code logback_events_total{level}}, as with Micrometer's binder. */
class LogbackInstrumentationIT {

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
    arguments.addAll(List.of("-cp", ItEnvironment.fixtureClasspathWithJarsIn(ItEnvironment.logbackLibraries()), LogbackApp.class.getName()));
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");
    app.awaitStderr("[vigil-agent] instrumentation installed");
    app.send("log");
    app.awaitStdout("done");
  }

  private static String events(String level, String count) {
    return "logback_events_total{application=\"LogbackApp\",level=\"" + level + "\"} " + count;
  }

  @Test
  void countsEventsThatReachTheLogsPerLevel() throws Exception {
    startApp("logback-app");

    String metrics =
        MetricsScraper.awaitMetricsMatching(
            app, agentPort, Pattern.compile(Pattern.quote(events("error", "3.0"))));

    assertThat(metrics)
        .contains(events("warn", "1.0"))
        .contains(events("info", "2.0"))
        .contains(events("debug", "1.0"))
        .contains(events("trace", "0.0"));
  }

  @Test
  void countsNothingWhenTheModuleIsSwitchedOff() throws Exception {
    startApp("logback-app-disabled", "-Dvigil.instrumentation.logback.enabled=false");

    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .contains("jvm_threads_live_threads{application=\"LogbackApp\"}")
        .doesNotContain("logback_events");
  }
}
