package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.IsolationProbeApp;
import dev.vigil.agent.fixture.OwnByteBuddyApp;
import dev.vigil.agent.fixture.OwnMicrometerApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The libraries inside the agent stay invisible to the app, and the app's own copies win. */
class ClassLoaderIsolationIT {

  private ForkedJvm app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void hidesTheAgentsLibrariesFromAnAppThatDoesNotHaveThem() throws Exception {
    int port = ItEnvironment.freePort();
    app =
        ForkedJvm.start(
            "isolation-probe",
            List.of(
                ForkedJvm.javaagent(),
                "-Dvigil.agent.host=127.0.0.1",
                "-Dvigil.agent.port=" + port,
                "-cp",
                ItEnvironment.fixtureClasses().toString(),
                IsolationProbeApp.class.getName()));
    // Probe only once the agent has loaded Micrometer and Byte Buddy's neighbours for real.
    MetricsScraper.awaitMetrics(app, port);

    app.send("probe");
    app.awaitStdout("resource META-INF/services/");

    assertThat(app.stdoutLines())
        .contains(
            "class io.micrometer.core.instrument.MeterRegistry: hidden",
            "class io.micrometer.prometheusmetrics.PrometheusMeterRegistry: hidden",
            "class io.prometheus.metrics.model.registry.PrometheusRegistry: hidden",
            "class net.bytebuddy.ByteBuddy: hidden",
            "class org.HdrHistogram.Histogram: hidden",
            "class dev.vigil.metrics.jvm.JvmMetrics: hidden",
            "class dev.vigil.agent.config.AgentConfig: hidden",
            "resource io/micrometer/core/instrument/MeterRegistry.class: hidden",
            "resource net/bytebuddy/ByteBuddy.class: hidden",
            "resource META-INF/services/io.micrometer.context.ThreadLocalAccessor: hidden")
        // The one deliberate exception: the bridge that advice in any class loader calls.
        .contains("class dev.vigil.agent.bootstrap.AgentLog: visible (bootstrap)");
    // ...which is defined in the bootstrap loader rather than appended to its search path: an
    // append makes the JVM say so and stop sharing (CDS) every non-boot class of the app.
    assertThat(app.stderrLines()).noneMatch(line -> line.contains(ForkedJvm.CDS_WARNING));
  }

  @Test
  void appWithItsOwnOlderMicrometerKeepsUsingItAlongsideTheAgent() throws Exception {
    Path micrometer = ItEnvironment.previousMicrometerDirectory();
    List<Path> jars;
    try (Stream<Path> files = Files.list(micrometer)) {
      jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
    }
    assertThat(jars).as("Micrometer jars copied by the pom into %s", micrometer).hasSize(3);
    String classpath =
        Stream.concat(Stream.of(ItEnvironment.fixtureClasses()), jars.stream())
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator));
    int port = ItEnvironment.freePort();
    app =
        ForkedJvm.start(
            "own-micrometer",
            List.of(
                ForkedJvm.javaagent(),
                "-Dvigil.agent.host=127.0.0.1",
                "-Dvigil.agent.port=" + port,
                "-cp",
                classpath,
                OwnMicrometerApp.class.getName()));
    String agentMetrics = MetricsScraper.awaitMetrics(app, port);

    app.send("report");
    app.awaitStdout("global registries: ");

    Path coreJar =
        jars.stream()
            .filter(jar -> jarName(jar).startsWith("micrometer-core-"))
            .findFirst()
            .orElseThrow();
    String version = jarName(coreJar).substring("micrometer-core-".length()).replace(".jar", "");
    assertThat(app.stdoutLines())
        .contains(
            "micrometer jar: " + coreJar.toUri().toURL(),
            "micrometer version: " + version,
            "orders placed: 3.0",
            // The agent did not add its registry to the app's global one.
            "global registries: 1");
    assertThat(agentMetrics)
        .contains("jvm_threads_live_threads{application=\"OwnMicrometerApp\"}")
        .doesNotContain("orders_placed");
    assertThat(app.otherStderrLines()).isEmpty();
  }

  @Test
  void appWithItsOwnOlderByteBuddyGeneratesClassesWithItWhileTheAgentInstruments()
      throws Exception {
    Path byteBuddy = ItEnvironment.previousByteBuddyDirectory();
    String classpath = ItEnvironment.fixtureClasspathWithJarsIn(byteBuddy);
    Path jar;
    try (Stream<Path> files = Files.list(byteBuddy)) {
      jar = files.filter(file -> jarName(file).startsWith("byte-buddy-")).findFirst().orElseThrow();
    }
    int port = ItEnvironment.freePort();
    app =
        ForkedJvm.start(
            "own-byte-buddy",
            List.of(
                ForkedJvm.javaagent(),
                "-Dvigil.agent.host=127.0.0.1",
                "-Dvigil.agent.port=" + port,
                "-Dvigil.agent.debug=true",
                "-cp",
                classpath,
                OwnByteBuddyApp.class.getName()));
    app.awaitStderr("[vigil-agent] instrumentation installed");

    app.send("report");
    app.awaitStdout("tasks done");

    assertThat(app.stdoutLines())
        .contains(
            "byte buddy jar: " + jar.toUri().toURL(),
            "generated: generated by the app's own Byte Buddy");
    // The agent's Byte Buddy, a newer one, instrumented the app's thread pool all the same.
    String pool = "executor_completed_tasks_total{application=\"OwnByteBuddyApp\",name=\"billing\"} ";
    assertThat(
            MetricsScraper.awaitMetricsMatching(
                app, port, Pattern.compile(Pattern.quote(pool + "3.0"))))
        .contains(pool + "3.0");
  }

  private static String jarName(Path jar) {
    return jar.getFileName().toString();
  }
}
