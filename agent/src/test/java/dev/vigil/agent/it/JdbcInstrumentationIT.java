package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.JdbcApp;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JDBC statements (H2 behind HikariCP) and the pool itself become series on the endpoint. */
class JdbcInstrumentationIT {

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
    arguments.addAll(List.of("-cp", ItEnvironment.fixtureClasspathWithJarsIn(ItEnvironment.jdbcLibraries()), JdbcApp.class.getName()));
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");
    app.awaitStderr("[vigil-agent] instrumentation installed");
    app.send("work");
    app.awaitStdout("done");
  }

  private static String statements(String operation, String exception, int count) {
    return "db_client_operations_seconds_count{application=\"JdbcApp\",db_operation_name=\""
        + operation
        + "\",exception=\""
        + exception
        + "\"} "
        + count;
  }

  private static String pool(String metric, String value) {
    return metric + "{application=\"JdbcApp\",pool=\"orders-db\"} " + value;
  }

  @Test
  void timesStatementsByOperationOnceThroughThePoolAndExposesPoolGauges() throws Exception {
    startApp("jdbc-app");
    assertThat(app.stdoutLines()).contains("rows 2", "failed JdbcSQLSyntaxErrorException");

    String metrics =
        MetricsScraper.awaitMetricsMatching(
            app, agentPort, Pattern.compile(Pattern.quote(statements("INSERT", "none", 2))));

    assertThat(metrics)
        .contains(statements("CREATE", "none", 1))
        .contains(statements("SELECT", "none", 1))
        .contains(statements("BATCH", "none", 1))
        .contains(statements("SELECT", "JdbcSQLSyntaxErrorException", 1))
        .contains(pool("hikaricp_connections_active", "1.0"))
        .contains(pool("hikaricp_connections_max", "4.0"))
        .contains(pool("hikaricp_connections_min", "1.0"))
        .contains(pool("hikaricp_connections_pending", "0.0"))
        .containsPattern(Pattern.quote(pool("hikaricp_connections", "")) + "[1-4]\\.0")
        .containsPattern(Pattern.quote(pool("hikaricp_connections_idle", "")) + "[0-3]\\.0");
    // Five kinds of execution, five series: the driver calls under the pool's proxies are not
    // counted a second time.
    assertThat(metrics.lines().filter(line -> line.startsWith("db_client_operations_seconds_count")))
        .hasSize(5);
  }

  @Test
  void exposesNoJdbcSeriesWhenTheModulesAreSwitchedOff() throws Exception {
    startApp(
        "jdbc-app-disabled",
        "-Dvigil.instrumentation.jdbc.enabled=false",
        "-Dvigil.instrumentation.hikaricp.enabled=false");

    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .contains("jvm_threads_live_threads{application=\"JdbcApp\"}")
        .doesNotContain("db_client_operations")
        .doesNotContain("hikaricp_");
  }
}
