package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A JVM started by a test: output goes to files under {@code target/it-logs} (kept for diagnosis),
 * commands go to its stdin, and {@link #close()} always ends it.
 */
final class ForkedJvm implements AutoCloseable {

  static final Duration DEADLINE = Duration.ofSeconds(60);

  /** Printed by the JVM itself when an agent appends to the bootstrap path with CDS on. */
  static final String CDS_WARNING = "Sharing is only supported for boot loader classes";

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final Writer stdin;

  private ForkedJvm(String name, Process process, Path stdout, Path stderr) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  /** Starts {@code java <arguments>} with extra environment variables. */
  static ForkedJvm start(String name, List<String> arguments, Map<String, String> environment)
      throws IOException {
    Path logs = Files.createDirectories(ItEnvironment.logDirectory());
    Path stdout = logs.resolve(name + ".out.log");
    Path stderr = logs.resolve(name + ".err.log");
    List<String> command = new ArrayList<>();
    command.add(javaExecutable().toString());
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    // The agent reads VIGIL_* variables: none may leak in from the developer's shell.
    builder.environment().keySet().removeIf(key -> key.startsWith("VIGIL_"));
    builder.environment().putAll(environment);
    return new ForkedJvm(name, builder.start(), stdout, stderr);
  }

  /**
   * The {@code java} of {@code vigil.it.javaHome} when the build sets it (the JDK 25 run of the
   * ITs), else of the JVM running the tests.
   */
  static Path javaExecutable() {
    return javaHome().resolve("bin").resolve("java");
  }

  static Path javaHome() {
    String home = System.getProperty("vigil.it.javaHome");
    if (home == null || home.isBlank()) {
      home = System.getProperty("java.home");
    }
    return Path.of(home);
  }

  /** {@code JAVA_VERSION} from the forked JDK's {@code release} file, e.g. {@code 25.0.1}. */
  static String javaVersion() throws IOException {
    for (String line : Files.readAllLines(javaHome().resolve("release"))) {
      if (line.startsWith("JAVA_VERSION=")) {
        return line.substring("JAVA_VERSION=".length()).replace("\"", "");
      }
    }
    throw new IllegalStateException("no JAVA_VERSION in " + javaHome().resolve("release"));
  }

  /** Starts {@code java <arguments>}. */
  static ForkedJvm start(String name, List<String> arguments) throws IOException {
    return start(name, arguments, Map.of());
  }

  /**
   * JVM arguments that attach the packaged agent serving on 127.0.0.1:{@code agentPort} (with
   * debug lines when {@code debug}), then {@code jvmArguments}; a caller appends the class path,
   * main class and program arguments.
   */
  static List<String> withAgent(int agentPort, boolean debug, String... jvmArguments) {
    List<String> arguments = new ArrayList<>();
    arguments.add(javaagent());
    arguments.add("-Dvigil.agent.host=127.0.0.1");
    arguments.add("-Dvigil.agent.port=" + agentPort);
    if (debug) {
      arguments.add("-Dvigil.agent.debug=true");
    } else {
      // Without the debug log a test cannot wait for "instrumentation installed"; by default the
      // agent installs once the app's start-up burst has passed, so a warm-up request could run
      // while one class is already retransformed and the next not yet (e.g. counted under the
      // servlet mapping before Jersey's template applies). Such tests install before main.
      // A later -Dvigil.instrumentation.install in jvmArguments overrides this.
      arguments.add("-Dvigil.instrumentation.install=immediate");
    }
    arguments.addAll(List.of(jvmArguments));
    return arguments;
  }

  /** The {@code -javaagent} argument for the packaged agent. */
  static String javaagent() {
    return "-javaagent:" + ItEnvironment.agentJar();
  }

  void send(String command) throws IOException {
    stdin.write(command + "\n");
    stdin.flush();
  }

  List<String> stdoutLines() {
    return read(stdout);
  }

  List<String> stderrLines() {
    return read(stderr);
  }

  /** Stderr lines written by the agent. */
  List<String> agentLines() {
    return stderrLines().stream().filter(line -> line.startsWith("[vigil-agent]")).toList();
  }

  /** Stderr lines from neither the agent nor the JVM's class-data-sharing notice. */
  List<String> otherStderrLines() {
    return stderrLines().stream()
        .filter(line -> !line.startsWith("[vigil-agent]") && !line.contains(CDS_WARNING))
        .toList();
  }

  /** Waits until stdout has a line starting with {@code prefix}; returns that line. */
  String awaitStdout(String prefix) {
    return await("stdout line starting with '" + prefix + "'", this::stdoutLines, prefix);
  }

  /** Waits until stderr has a line starting with {@code prefix}; returns that line. */
  String awaitStderr(String prefix) {
    return await("stderr line starting with '" + prefix + "'", this::stderrLines, prefix);
  }

  /** Waits for the JVM to end on its own and returns its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      fail("%s did not exit within %s; %s", name, DEADLINE, describe());
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The output so far, for failure messages. */
  String describe() {
    return "stdout: " + stdoutLines() + ", stderr: " + stderrLines();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String await(String what, Supplier<List<String>> lines, String prefix) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (true) {
      for (String line : lines.get()) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        fail("%s exited (code %d) without a %s; %s", name, process.exitValue(), what, describe());
      }
      if (Instant.now().isAfter(deadline)) {
        fail("%s printed no %s within %s; %s", name, what, DEADLINE, describe());
      }
      pause();
    }
  }

  static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a forked JVM", e);
    }
  }

  private static List<String> read(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
