package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A fixture app (a {@code CommandLoop} main class) in a forked JVM with the agent attached on a
 * free port, started only once the app and the agent's instrumentation are both up: what every
 * instrumentation IT needs before it sends its first command.
 */
final class InstrumentedApp implements AutoCloseable {

  private static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final ForkedJvm jvm;
  private final int agentPort;
  private final int appPort;

  private InstrumentedApp(ForkedJvm jvm, int agentPort, int appPort) {
    this.jvm = jvm;
    this.agentPort = agentPort;
    this.appPort = appPort;
  }

  /**
   * Starts {@code mainClass} on {@code classpath} (logs named {@code logName}), with the agent's
   * debug lines on and {@code jvmArguments} (e.g. a module switch) before the class path.
   */
  static InstrumentedApp start(
      String logName, String classpath, Class<?> mainClass, String... jvmArguments)
      throws IOException {
    return start(logName, classpath, mainClass, -1, jvmArguments);
  }

  /**
   * Like {@link #start}, for a server app that listens on 127.0.0.1 at the port given as its first
   * program argument (see {@link #get}).
   */
  static InstrumentedApp startServer(
      String logName, String classpath, Class<?> mainClass, String... jvmArguments)
      throws IOException {
    return start(logName, classpath, mainClass, ItEnvironment.freePort(), jvmArguments);
  }

  private static InstrumentedApp start(
      String logName, String classpath, Class<?> mainClass, int appPort, String... jvmArguments)
      throws IOException {
    int port = ItEnvironment.freePort();
    List<String> arguments = ForkedJvm.withAgent(port, true, jvmArguments);
    arguments.addAll(List.of("-cp", classpath, mainClass.getName()));
    if (appPort > 0) {
      arguments.add(String.valueOf(appPort));
    }
    ForkedJvm jvm = ForkedJvm.start(logName, arguments);
    InstrumentedApp app = new InstrumentedApp(jvm, port, appPort);
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
    assertThat(send(command)).isEqualTo(expectedOutput);
  }

  /** Sends {@code command} and returns the app's {@code done <command> ...} line. */
  String send(String command) throws IOException {
    jvm.send(command);
    return jvm.awaitStdout("done " + command);
  }

  /** Sends {@code method path} to the server app and returns the response status. */
  int request(String method, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** {@code GET path} to the server app; returns the response status. */
  int get(String path) throws IOException, InterruptedException {
    return request("GET", path);
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
