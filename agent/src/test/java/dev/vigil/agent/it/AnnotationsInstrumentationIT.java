package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.AnnotatedApp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
    List<String> arguments = new ArrayList<>();
    arguments.add(ForkedJvm.javaagent());
    arguments.add("-Dvigil.agent.host=127.0.0.1");
    arguments.add("-Dvigil.agent.port=" + agentPort);
    arguments.add("-Dvigil.agent.debug=true");
    arguments.addAll(List.of(extraJvmArguments));
    arguments.addAll(List.of("-cp", classpath(), AnnotatedApp.class.getName()));
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");
    app.awaitStderr("[vigil-agent] instrumentation installed");
    app.send("work");
    app.awaitStdout("done");
  }

  /** The app brings its own (previous) Micrometer, as real apps using the annotations do. */
  private static String classpath() throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(ItEnvironment.fixtureClasses().toString());
    try (Stream<Path> jars = Files.list(ItEnvironment.previousMicrometerDirectory())) {
      jars.map(Path::toString).sorted().forEach(entries::add);
    }
    return String.join(File.pathSeparator, entries);
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
