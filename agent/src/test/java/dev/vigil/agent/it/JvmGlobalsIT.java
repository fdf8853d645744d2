package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.LateJvmSetupApp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent leaves the JVM-wide singletons that application servers set up in {@code main}: the JUL
 * {@code LogManager} and the platform {@code MBeanServer} (the WildFly trap from OTel's history).
 */
class JvmGlobalsIT {

  private ForkedJvm app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void appCanStillInstallItsOwnLogManagerAndMBeanServerAfterTheAgentServedMetrics()
      throws Exception {
    int port = ItEnvironment.freePort();
    app =
        ForkedJvm.start(
            "late-jvm-setup",
            List.of(
                ForkedJvm.javaagent(),
                "-Dvigil.agent.host=127.0.0.1",
                "-Dvigil.agent.port=" + port,
                "-cp",
                ItEnvironment.fixtureClasses().toString(),
                LateJvmSetupApp.class.getName()));
    // Everything the agent does has happened: registry built, binders bound, one scrape served.
    MetricsScraper.awaitMetrics(app, port);

    app.send("configure");
    app.awaitStdout("mbean server built by app: ");

    assertThat(app.stdoutLines())
        .contains(
            "log manager: " + LateJvmSetupApp.AppLogManager.class.getName(),
            "mbean server built by app: true");
  }
}
