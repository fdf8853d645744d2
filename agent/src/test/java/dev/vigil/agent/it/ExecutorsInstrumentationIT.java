package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.ExecutorApp;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The app's thread pools become Micrometer's {@code executor_*} series, named by thread prefix. */
class ExecutorsInstrumentationIT {

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
        List.of("-cp", ItEnvironment.fixtureClasses().toString(), ExecutorApp.class.getName()));
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");
  }

  private static String series(String metric, String pool, String value) {
    return metric + "{application=\"ExecutorApp\",name=\"" + pool + "\"} " + value;
  }

  @Test
  void exposesThreadPoolAndForkJoinPoolMetrics() throws Exception {
    startApp("executor-app");
    app.awaitStderr("[vigil-agent] instrumentation installed");
    app.send("work");
    app.awaitStdout("done");

    String metrics =
        MetricsScraper.awaitMetricsMatching(
            app,
            agentPort,
            Pattern.compile(Pattern.quote(series("executor_completed_tasks_total", "orders", "3.0"))));

    assertThat(metrics)
        .contains(series("executor_pool_core_threads", "orders", "2.0"))
        .contains(series("executor_pool_max_threads", "orders", "4.0"))
        .contains(series("executor_queued_tasks", "orders", "0.0"))
        .contains(series("executor_queue_remaining_tasks", "orders", "50.0"))
        .contains(series("executor_active_threads", "orders", "0.0"))
        .containsPattern(Pattern.quote(series("executor_pool_size_threads", "orders", "")) + "[12]\\.0")
        .contains(series("executor_parallelism_threads", "ForkJoinPool-1-worker", "3.0"));
    // The agent's own endpoint pool served this very scrape, yet is not measured.
    assertThat(metrics).doesNotContain("vigil-agent-http");
  }

  @Test
  void exposesNoExecutorSeriesWhenTheModuleIsSwitchedOff() throws Exception {
    startApp("executor-app-disabled", "-Dvigil.instrumentation.executors.enabled=false");
    app.awaitStderr("[vigil-agent] instrumentation installed");
    app.send("work");
    app.awaitStdout("done");

    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .contains("jvm_threads_live_threads{application=\"ExecutorApp\"}")
        .doesNotContain("executor_");
  }
}
