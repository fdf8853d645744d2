package dev.vigil.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One packaged server started as a process on a free loopback port, with its output in files and
 * an HTTP client to reach it. Closing it kills the process.
 */
public final class ServerProcess implements AutoCloseable {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final String base;
  private final Path stderrFile;
  private final String name;

  private ServerProcess(Process process, String base, Path stderrFile, String name) {
    this.process = process;
    this.base = base;
    this.stderrFile = stderrFile;
    this.name = name;
  }

  /**
   * Starts {@code vigil-server.jar args} in {@code dir}, listening on a free port, with output in
   * {@code dir/<name>.stdout} and {@code .stderr}; does not wait for it. The JVM runs C1 only with
   * the serial GC: these tests start many servers, and those start fastest.
   */
  public static ServerProcess launch(Path dir, String name, String... args) throws IOException {
    int port = ServerJar.freePort();
    List<String> cmd =
        ServerJar.command("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    cmd.add("--web.listen-address=127.0.0.1:" + port);
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".stdout").toFile())
        .redirectError(dir.resolve(name + ".stderr").toFile())
        .start();
    return new ServerProcess(p, "http://127.0.0.1:" + port, dir.resolve(name + ".stderr"), name);
  }

  /** Waits until {@code /-/ready} answers 200, failing with the server's stderr otherwise. */
  public ServerProcess awaitReady(Duration deadline) throws IOException, InterruptedException {
    Instant end = Instant.now().plus(deadline);
    while (Instant.now().isBefore(end)) {
      assertThat(process.isAlive()).as("server %s running; stderr:%n%s", name, stderr()).isTrue();
      try {
        if (get("/-/ready").statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("server " + name + " not ready in time; stderr:\n" + stderr());
  }

  /** A GET of {@code pathAndQuery} (already URL-encoded) on this server. */
  public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public Process process() {
    return process;
  }

  /** What the server wrote to stderr so far. */
  public String stderr() throws IOException {
    return Files.exists(stderrFile) ? Files.readString(stderrFile) : "";
  }

  /** SIGKILL, as a crash: no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s killed", name).isTrue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
