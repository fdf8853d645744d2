package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.IdleApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent attached to a plain app serves its JVM metrics, labelled with the application. */
class MetricsEndpointIT {

  private static final String HEAP_MEMORY =
      "jvm_memory_used_bytes\\{application=\"%s\",area=\"heap\",id=\"[^\"]+\"} \\d";

  @TempDir Path directory;

  private ForkedJvm app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void servesJvmMetricsLabelledWithTheMainClassName() throws Exception {
    int port = ItEnvironment.freePort();
    app =
        ForkedJvm.start(
            "main-class-app",
            List.of(
                ForkedJvm.javaagent(),
                "-Dvigil.agent.host=127.0.0.1",
                "-Dvigil.agent.port=" + port,
                "-cp",
                ItEnvironment.fixtureClasses().toString(),
                IdleApp.class.getName()));

    String metrics = MetricsScraper.awaitMetrics(app, port);

    assertThat(metrics)
        .containsPattern(HEAP_MEMORY.formatted("IdleApp"))
        .contains("jvm_threads_live_threads{application=\"IdleApp\"}")
        .contains("jvm_classes_loaded_classes{application=\"IdleApp\"}")
        .contains("process_uptime_seconds{application=\"IdleApp\"}")
        // The shared binders are packed into the agent jar and bound: host and process metrics.
        .contains("node_time_seconds{application=\"IdleApp\"}")
        .containsPattern("(?m)^node_load1\\{application=\"IdleApp\"} ")
        .containsPattern("(?m)^process_threads\\{application=\"IdleApp\"} ")
        // Runs on the JDK the build chose for this IT run (17, or 25 in the second run).
        .containsPattern(
            "(?m)^jvm_info\\{[^}]*version=\"" + Pattern.quote(ForkedJvm.javaVersion()));
    assertThat(app.agentLines()).isEmpty();
    assertThat(app.otherStderrLines()).isEmpty();
  }

  @Test
  void byDefaultServesAfterTheStartupBurstTheSameJvmSeriesAsWhenStartedBeforeMain()
      throws Exception {
    int port = ItEnvironment.freePort();
    app = startIdleApp("deferred-endpoint", port);
    String deferred = MetricsScraper.awaitMetrics(app, port);

    // The wait comes first, then the registry and the endpoint.
    List<String> lines = app.agentLines();
    int waited = indexOfFirst(lines, "[vigil-agent] waited ", "[vigil-agent] stopped waiting ");
    int registry = indexOfFirst(lines, "[vigil-agent] meter registry: ");
    int serving = indexOfFirst(lines, "[vigil-agent] serving metrics of application 'IdleApp'");
    assertThat(waited).as("wait line in %s", lines).isNotNegative();
    assertThat(registry).as("registry line in %s", lines).isGreaterThan(waited);
    assertThat(serving).as("serving line in %s", lines).isGreaterThan(registry);
    assertThat(lines.get(serving)).containsPattern("/metrics, bound \\d+ ms after premain$");
    app.close();

    int immediatePort = ItEnvironment.freePort();
    app =
        startIdleApp(
            "immediate-endpoint", immediatePort, "-Dvigil.instrumentation.install=immediate");
    String immediate = MetricsScraper.awaitMetrics(app, immediatePort);

    assertThat(jvmSeries(deferred))
        .contains("jvm_threads_live_threads{application=\"IdleApp\"}")
        .contains("process_uptime_seconds{application=\"IdleApp\"}")
        .containsExactlyElementsOf(jvmSeries(immediate));
  }

  private static ForkedJvm startIdleApp(String name, int port, String... jvmArguments)
      throws IOException {
    List<String> arguments = new ArrayList<>();
    arguments.add(ForkedJvm.javaagent());
    arguments.add("-Dvigil.agent.host=127.0.0.1");
    arguments.add("-Dvigil.agent.port=" + port);
    arguments.add("-Dvigil.agent.debug=true");
    arguments.addAll(List.of(jvmArguments));
    arguments.add("-cp");
    arguments.add(ItEnvironment.fixtureClasses().toString());
    arguments.add(IdleApp.class.getName());
    return ForkedJvm.start(name, arguments);
  }

  private static int indexOfFirst(List<String> lines, String... prefixes) {
    for (int i = 0; i < lines.size(); i++) {
      for (String prefix : prefixes) {
        if (lines.get(i).startsWith(prefix)) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * The JVM and process series of an exposition, name and labels without the value, sorted;
   * without the GC pause timers, whose series appear with the first collection of each kind.
   */
  private static List<String> jvmSeries(String exposition) {
    return exposition
        .lines()
        .filter(line -> line.startsWith("jvm_") || line.startsWith("process_"))
        .filter(line -> !line.startsWith("jvm_gc_pause") && !line.startsWith("jvm_gc_concurrent"))
        .map(line -> line.substring(0, line.lastIndexOf(' ')))
        .sorted()
        .toList();
  }

  @Test
  void recordsGarbageCollectionPausesOfTheApp() throws Exception {
    int port = ItEnvironment.freePort();
    app =
        ForkedJvm.start(
            "collecting-app",
            List.of(
                ForkedJvm.javaagent(),
                "-Dvigil.agent.host=127.0.0.1",
                "-Dvigil.agent.port=" + port,
                "-cp",
                ItEnvironment.fixtureClasses().toString(),
                IdleApp.class.getName()));
    MetricsScraper.awaitMetrics(app, port);

    Pattern systemGcPause =
        Pattern.compile(
            "jvm_gc_pause_seconds_count\\{action=\"[^\"]+\",application=\"IdleApp\","
                + "cause=\"System.gc\\(\\)\",gc=\"[^\"]+\"} [1-9]");
    // GC notifications arrive asynchronously, and on a loaded machine one can be late or
    // coalesced, so the app is asked to collect again before each look.
    assertThat(MetricsScraper.awaitMetricsMatching(app, port, systemGcPause, () -> app.send("gc")))
        .containsPattern(systemGcPause);
  }

  @Test
  void letsTheApplicationExitWhenMainReturns() throws Exception {
    int port = ItEnvironment.freePort();
    app =
        ForkedJvm.start(
            "exiting-app",
            List.of(
                ForkedJvm.javaagent(),
                "-Dvigil.agent.host=127.0.0.1",
                "-Dvigil.agent.port=" + port,
                "-cp",
                ItEnvironment.fixtureClasses().toString(),
                IdleApp.class.getName()));
    MetricsScraper.awaitMetrics(app, port);

    app.send("exit");

    // The agent's threads (startup, HTTP dispatcher and workers) are daemons.
    assertThat(app.awaitExit()).isZero();
    assertThat(app.stdoutLines()).containsExactly("app started", "app stopped");
  }

  @Test
  void namesTheApplicationAfterItsJarUnderJavaJar() throws Exception {
    Path jar = executableJar(directory.resolve("orders-service.jar"));
    int port = ItEnvironment.freePort();
    app =
        ForkedJvm.start(
            "jar-app",
            List.of(
                ForkedJvm.javaagent(),
                "-Dvigil.agent.host=127.0.0.1",
                "-Dvigil.agent.port=" + port,
                "-jar",
                jar.toString()));

    assertThat(MetricsScraper.awaitMetrics(app, port))
        .containsPattern(HEAP_MEMORY.formatted("orders-service"));
  }

  @Test
  void takesApplicationAndPortFromEnvironmentVariables() throws Exception {
    int port = ItEnvironment.freePort();
    app =
        ForkedJvm.start(
            "env-configured-app",
            List.of(
                ForkedJvm.javaagent(),
                "-cp",
                ItEnvironment.fixtureClasses().toString(),
                IdleApp.class.getName()),
            Map.of(
                "VIGIL_APPLICATION", "billing",
                "VIGIL_AGENT_HOST", "127.0.0.1",
                "VIGIL_AGENT_PORT", String.valueOf(port)));

    assertThat(MetricsScraper.awaitMetrics(app, port))
        .containsPattern(HEAP_MEMORY.formatted("billing"));
  }

  /** A runnable jar holding the fixture app, as an application would be shipped. */
  private static Path executableJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, IdleApp.class.getName());
    Path classes = ItEnvironment.fixtureClasses();
    List<Path> fixtureFiles;
    try (var files = Files.walk(classes.resolve("dev/vigil/agent/fixture"))) {
      fixtureFiles = files.filter(Files::isRegularFile).toList();
    }
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Path classFile : fixtureFiles) {
        out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
        try (InputStream in = Files.newInputStream(classFile)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return jar;
  }
}
