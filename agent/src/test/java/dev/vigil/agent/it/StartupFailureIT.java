package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.IdleApp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the agent cannot start, it says so in one line and the application runs as if alone. */
class StartupFailureIT {

  private ForkedJvm app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void invalidPortSettingLeavesTheAppRunningWithOneAgentLine() throws Exception {
    app =
        ForkedJvm.start(
            "invalid-port",
            List.of(
                ForkedJvm.javaagent(),
                "-Dvigil.agent.port=notaport",
                "-cp",
                ItEnvironment.fixtureClasses().toString(),
                IdleApp.class.getName()));

    app.awaitStdout("app started");
    app.send("work");
    app.awaitStdout("result");
    app.send("exit");

    assertThat(app.awaitExit()).isZero();
    assertThat(app.stdoutLines()).containsExactly("app started", "result 42", "app stopped");
    assertThat(app.agentLines())
        .containsExactly(
            "[vigil-agent] failed to start: invalid vigil.agent.port 'notaport'"
                + " (from system property -Dvigil.agent.port): expected a port number between 1"
                + " and 65535");
    assertThat(app.otherStderrLines()).isEmpty();
  }

  @Test
  void portAlreadyInUseLeavesTheAppRunningWithOneAgentLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      app =
          ForkedJvm.start(
              "port-in-use",
              List.of(
                  ForkedJvm.javaagent(),
                  "-Dvigil.agent.host=127.0.0.1",
                  "-Dvigil.agent.port=" + port,
                  "-cp",
                  ItEnvironment.fixtureClasses().toString(),
                  IdleApp.class.getName()));

      // The endpoint starts in the background, by default once the app's start-up burst has
      // passed, so its failure comes after the app's output: still one line, and the app runs on.
      String failure = app.awaitStderr("[vigil-agent]");
      app.send("work");
      app.awaitStdout("result");
      app.send("exit");

      assertThat(app.awaitExit()).isZero();
      assertThat(app.stdoutLines()).containsExactly("app started", "result 42", "app stopped");
      assertThat(failure)
          .startsWith("[vigil-agent] failed to start: cannot listen on 127.0.0.1:" + port + " ");
      assertThat(app.agentLines()).containsExactly(failure);
      assertThat(app.otherStderrLines()).isEmpty();
    }
  }
}
