package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.AnnotatedApp;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code @Timed}/{@code @Counted} methods become the meters Micrometer's aspects would record. */
class AnnotationsInstrumentationIT {

  private static final String ORDERS = "dev.vigil.fixture.orders.Orders";

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
    arguments.addAll(List.of("-cp", ItEnvironment.fixtureClasspathWithJarsIn(ItEnvironment.previousMicrometerDirectory()), AnnotatedApp.class.getName()));
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");
    app.awaitStderr("[vigil-agent] instrumentation installed");
    app.send("work");
    app.awaitStdout("done");
  }

  @Test
  void recordsTimedAndCountedMethodsWithTheAspectsTags() throws Exception {
    startApp("annotated-app");
    String placed =
        "orders_place_seconds_count{application=\"AnnotatedApp\",class=\""
            + ORDERS
            + "\",exception=\"none\",method=\"placeOrder\",region=\"eu\"} 2";

    String metrics =
        MetricsScraper.awaitMetricsMatching(app, agentPort, Pattern.compile(Pattern.quote(placed)));

    assertThat(metrics)
        .contains(
            "method_timed_seconds_count{application=\"AnnotatedApp\",class=\""
                + ORDERS
                + "\",exception=\"none\",method=\"audit\"} 1")
        .contains(
            "orders_checks_total{application=\"AnnotatedApp\",class=\""
                + ORDERS
                + "\",exception=\"none\",method=\"check\",result=\"success\"} 1.0")
        .contains(
            "orders_checks_total{application=\"AnnotatedApp\",class=\""
                + ORDERS
                + "\",exception=\"IllegalArgumentException\",method=\"check\","
                + "result=\"failure\"} 1.0");
  }

  @Test
  void recordsNothingWhenTheModuleIsSwitchedOff() throws Exception {
    startApp("annotated-app-disabled", "-Dvigil.instrumentation.micrometer-annotations.enabled=false");

    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .contains("jvm_threads_live_threads{application=\"AnnotatedApp\"}")
        .doesNotContain("orders_place")
        .doesNotContain("method_timed")
        .doesNotContain("orders_checks");
  }
}
