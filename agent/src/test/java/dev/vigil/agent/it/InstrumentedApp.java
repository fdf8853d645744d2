package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A fixture app (a {@code CommandLoop} main class) in a forked JVM with the agent attached on a
 * free port, started only once the app and the agent's instrumentation are both up: what every
 * instrumentation IT needs before it sends its first command.
 */
final class InstrumentedApp implements AutoCloseable {

  private final ForkedJvm jvm;
  private final int agentPort;

  private InstrumentedApp(ForkedJvm jvm, int agentPort) {
    this.jvm = jvm;
    this.agentPort = agentPort;
  }

  /**
   * Starts {@code mainClass} on {@code classpath} (logs named {@code logName}), with the agent's
   * debug lines on and {@code jvmArguments} (e.g. a module switch) before the class path.
   */
  static InstrumentedApp start(
      String logName, String classpath, Class<?> mainClass, String... jvmArguments)
      throws IOException {
    int port = ItEnvironment.freePort();
    List<String> arguments = ForkedJvm.withAgent(port, true, jvmArguments);
    arguments.addAll(List.of("-cp", classpath, mainClass.getName()));
    ForkedJvm jvm = ForkedJvm.start(logName, arguments);
    InstrumentedApp app = new InstrumentedApp(jvm, port);
    try {
      jvm.awaitStdout("app started");
      jvm.awaitStderr("[vigil-agent] instrumentation installed");
    } catch (RuntimeException | Error e) {
      app.close();
      throw e;
    }
    return app;
  }

  /** Sends {@code command} and asserts the app's {@code done <command> ...} line. */
  void run(String command, String expectedOutput) throws IOException {
    jvm.send(command);
    assertThat(jvm.awaitStdout("done " + command)).isEqualTo(expectedOutput);
  }

  /** The first scrape that contains {@code line} (a whole sample line, matched literally). */
  String awaitMetricsContaining(String line) throws InterruptedException {
    return MetricsScraper.awaitMetricsMatching(
        jvm, agentPort, Pattern.compile(Pattern.quote(line)));
  }

  /** The first successful scrape. */
  String metrics() throws InterruptedException {
    return MetricsScraper.awaitMetrics(jvm, agentPort);
  }

  /** Stderr lines of the agent so far. */
  List<String> agentLines() {
    return jvm.agentLines();
  }

  /** The sample lines of {@code metrics} whose name (with suffix) is {@code sampleName}. */
  static List<String> samples(String metrics, String sampleName) {
    return metrics.lines().filter(line -> line.startsWith(sampleName + "{")).toList();
  }

  @Override
  public void close() {
    jvm.close();
  }
}
