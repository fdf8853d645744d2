package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.testing.ServerJar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code vigil-server.jar} as a process, as a user would. */
class ServerMainIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;

  @AfterEach
  void stopProcess() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private Process start(String... args) throws IOException {
    List<String> cmd = ServerJar.command("-Xmx128m");
    cmd.addAll(List.of(args));
    process =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .redirectError(dir.resolve("stderr.log").toFile())
            .start();
    return process;
  }

  /** A prometheus.yml in which the server scrapes itself on {@code port} every second. */
  private Path selfScrapeConfig(int port) throws IOException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: vigil
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """.formatted(port));
    return config;
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr.log"));
  }

  @Test
  void exitsWithStatusOneNamingFileAndLineWhenTheConfigIsBad() throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "scrape_configs:\n  - job_name: x\n    scrape_intervall: 5s\n");

    Process p =
        start("--config.file=" + config, "--web.listen-address=127.0.0.1:" + ServerJar.freePort());

    assertThat(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("exits").isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(stderr())
        .contains(
            "error loading config: "
                + config
                + ":3: unknown field \"scrape_intervall\" in scrape_config")
        .doesNotContain("ready to receive web requests");
  }

  @Test
  void scrapesItselfAndAnswersQueriesForUp() throws Exception {
    int port = ServerJar.freePort();
    Path config = selfScrapeConfig(port);
    Path data = dir.resolve("tsdb");

    start(
        "--config.file=" + config,
        "--web.listen-address=127.0.0.1:" + port,
        "--storage.tsdb.path=" + data);
    String base = "http://127.0.0.1:" + port;

    HttpResponse<String> ready = poll(base + "/-/ready", r -> r.statusCode() == 200);
    assertThat(ready.body()).isEqualTo("Vigil Server is Ready.\n");
    HttpResponse<String> up =
        poll(base + "/api/v1/query?query=up", r -> r.body().contains("\"job\":\"vigil\""));

    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body())
        .startsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[")
        .contains(
            "\"metric\":{\"__name__\":\"up\",\"instance\":\"127.0.0.1:"
                + port
                + "\",\"job\":\"vigil\"}")
        .contains("\"1\"]}");
    assertThat(data).isDirectory();
    assertThat(stderr())
        .contains("Server is ready to receive web requests.")
        .contains("listen_address=127.0.0.1:" + port);

    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    // 128 + SIGTERM: the JVM ran its shutdown hooks and exited. (We do not assert on the hook's
    // log line: java.util.logging closes its handlers in a hook of its own, concurrently.)
    assertThat(process.exitValue()).isEqualTo(143);
  }

  @Test
  void passesQueryFlagsAndFeaturesToTheEngine() throws Exception {
    int port = ServerJar.freePort();
    Path config = selfScrapeConfig(port);

    start(
        "--config.file=" + config,
        "--web.listen-address=127.0.0.1:" + port,
        "--storage.tsdb.path=" + dir.resolve("tsdb"),
        "--enable-feature=promql-experimental-functions,no-such-feature",
        "--query.max-samples=2");
    String base = "http://127.0.0.1:" + port;
    poll(base + "/api/v1/query?query=up", r -> r.body().contains("\"job\":\"vigil\""));

    // sort_by_label is experimental: it parses only because of --enable-feature.
    HttpResponse<String> sorted =
        poll(base + "/api/v1/query?query=sort_by_label(up,%22job%22)", r -> true);
    assertThat(sorted.statusCode()).isEqualTo(200);
    assertThat(sorted.body()).contains("\"job\":\"vigil\"");
    // Three or more scrapes in the window need more than the two samples allowed.
    HttpResponse<String> tooMany =
        poll(
            base + "/api/v1/query?query=count_over_time(up%5B1h%5D)",
            r -> r.statusCode() != 200);
    assertThat(tooMany.statusCode()).isEqualTo(422);
    assertThat(tooMany.body())
        .contains("\"errorType\":\"execution\"")
        .contains("too many samples");
    HttpResponse<String> flags = poll(base + "/api/v1/status/flags", r -> true);
    assertThat(flags.body())
        .contains("\"query.max-samples\":\"2\"")
        .contains("\"enable-feature\":\"promql-experimental-functions,no-such-feature\"");
    assertThat(stderr()).contains("Unknown option for --enable-feature, ignored: no-such-feature");
  }

  @Test
  void exitsWithStatusOneNamingABadQueryFlag() throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "scrape_configs: []\n");

    Process p =
        start(
            "--config.file=" + config,
            "--query.timeout=soon",
            "--web.listen-address=127.0.0.1:" + ServerJar.freePort());

    assertThat(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("exits").isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(stderr()).contains("error: invalid --query.timeout \"soon\": ");
  }

  @Test
  void printsItsVersion() throws Exception {
    Process p = start("--version");

    assertThat(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("stdout.log"))).startsWith("vigil-server, version ");
  }

  /**
   * Polls until the answer satisfies {@code done} or the deadline passes; returns the last answer.
   */
  private HttpResponse<String> poll(String url, Predicate<HttpResponse<String>> done)
      throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    HttpResponse<String> last = null;
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("server still running; stderr:%n%s", stderr()).isTrue();
      try {
        last =
            client.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (done.test(last)) {
          return last;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no satisfying answer from "
            + url
            + " in time; last: "
            + (last == null ? "none" : last.body())
            + "\nstderr:\n"
            + stderr());
  }
}
