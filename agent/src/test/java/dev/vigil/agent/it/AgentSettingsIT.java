package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.HttpServerApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings from a file and the environment reach the agent, and a broken configuration costs the
 * application nothing: it starts and serves, with one agent line saying what is wrong.
 */
class AgentSettingsIT {

  @TempDir Path directory;

  private ForkedJvm app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private ForkedJvm startHttpApp(String name, int appPort, Map<String, String> environment,
      String... jvmArguments) throws Exception {
    List<String> arguments = new java.util.ArrayList<>();
    arguments.add(ForkedJvm.javaagent());
    arguments.addAll(List.of(jvmArguments));
    arguments.addAll(
        List.of(
            "-cp",
            ItEnvironment.fixtureClasses().toString(),
            HttpServerApp.class.getName(),
            Integer.toString(appPort)));
    return ForkedJvm.start(name, arguments, environment);
  }

  private static int appStatus(ForkedJvm app, int appPort) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/hello"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  @Test
  void readsTheSettingsFileAndWarnsOnceForEachUnknownKey() throws Exception {
    int agentPort = ItEnvironment.freePort();
    int appPort = ItEnvironment.freePort();
    Path settings =
        Files.write(
            directory.resolve("vigil.properties"),
            List.of(
                "vigil.agent.host=127.0.0.1",
                "vigil.agent.port=" + agentPort,
                "vigil.application=from-file",
                "vigil.instance=host-a:8080",
                "vigil.agent.prot=1234",
                "vigil.instrumentation.jbdc.enabled=false"));
    app =
        startHttpApp(
            "settings-file",
            appPort,
            Map.of("VIGIL_CONFIG_FILE", settings.toString(), "VIGIL_APPLICATION", "from-env"));
    app.awaitStdout("app started");

    String metrics = MetricsScraper.awaitMetrics(app, agentPort);

    // The environment variable wins over the file; the file's other values apply.
    assertThat(metrics)
        .contains("jvm_threads_live_threads{application=\"from-env\",instance=\"host-a:8080\"}");
    assertThat(app.agentLines())
        .containsExactly(
            "[vigil-agent] ignoring unknown setting 'vigil.agent.prot' at " + settings + ":5",
            "[vigil-agent] ignoring unknown setting 'vigil.instrumentation.jbdc.enabled' at "
                + settings
                + ":6");
    assertThat(appStatus(app, appPort)).isEqualTo(200);
  }

  @Test
  void anUnreadableSettingsFileLeavesTheAppRunningAndServing() throws Exception {
    int appPort = ItEnvironment.freePort();
    Path missing = directory.resolve("missing.properties");
    app =
        startHttpApp(
            "missing-settings-file", appPort, Map.of(), "-Dvigil.config.file=" + missing);

    app.awaitStdout("app started");

    assertThat(appStatus(app, appPort)).isEqualTo(200);
    assertThat(app.agentLines())
        .containsExactly(
            "[vigil-agent] failed to start: cannot read settings file "
                + missing
                + " (from system property -Dvigil.config.file): no such file");
    assertThat(app.otherStderrLines()).isEmpty();
  }

  @Test
  void anInvalidValueInTheSettingsFileNamesFileAndLineAndTheAppServes() throws Exception {
    int appPort = ItEnvironment.freePort();
    Path settings =
        Files.write(
            directory.resolve("broken.properties"),
            List.of("# metrics endpoint", "vigil.agent.port=99999"));
    app =
        startHttpApp(
            "invalid-settings-file", appPort, Map.of(), "-Dvigil.config.file=" + settings);

    app.awaitStdout("app started");

    assertThat(appStatus(app, appPort)).isEqualTo(200);
    assertThat(app.agentLines())
        .containsExactly(
            "[vigil-agent] failed to start: invalid vigil.agent.port '99999' (from file "
                + settings
                + ":2): expected a port number between 1 and 65535");
  }

  @Test
  void anUnknownSystemPropertyIsReportedAndTheAgentStillServes() throws Exception {
    int agentPort = ItEnvironment.freePort();
    int appPort = ItEnvironment.freePort();
    app =
        startHttpApp(
            "unknown-property",
            appPort,
            Map.of("VIGIL_AGENT_PORTT", "1"),
            "-Dvigil.agent.host=127.0.0.1",
            "-Dvigil.agent.port=" + agentPort,
            "-Dvigil.agnet.debug=true");

    String metrics = MetricsScraper.awaitMetrics(app, agentPort);

    assertThat(metrics).contains("jvm_threads_live_threads{application=\"HttpServerApp\"}");
    assertThat(app.agentLines())
        .containsExactlyInAnyOrder(
            "[vigil-agent] ignoring unknown setting -Dvigil.agnet.debug",
            "[vigil-agent] ignoring unknown environment variable VIGIL_AGENT_PORTT");
    assertThat(appStatus(app, appPort)).isEqualTo(200);
  }
}
