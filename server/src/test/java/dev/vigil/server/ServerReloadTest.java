package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.storage.memory.MemoryStorage;
import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.telemetry.BuildInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running server's config lifecycle and scraped metadata over HTTP: a real server on a free
 * port, scraping its own {@code /metrics}, with the config file rewritten between reloads.
 */
class ServerReloadTest {

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();
  private Server server;
  private int port;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Path start(String yaml, boolean lifecycle) throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, yaml.replace("PORT", Integer.toString(port)));
    ConfigState state =
        new ConfigState(
            file,
            Map.of("config.file", file.toString(), "web.enable-lifecycle", "" + lifecycle),
            lifecycle,
            Clock.systemUTC());
    server =
        Server.start(
            ConfigLoader.load(file),
            new InetSocketAddress("127.0.0.1", port),
            new BuildInfo("1.0", "r", "b", "17"),
            state,
            MemoryStorage::new);
    return file;
  }

  private static String selfJob(String job) {
    return "global:\n"
        + "  scrape_interval: 1s\n"
        + "scrape_configs:\n"
        + "  - job_name: "
        + job
        + "\n"
        + "    static_configs:\n"
        + "      - targets: ['127.0.0.1:PORT']\n";
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }

  private HttpResponse<String> reload() throws IOException, InterruptedException {
    return send(at("/-/reload").POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Polls until the body satisfies the condition; scrapes happen on their own schedule. */
  private String await(String path, Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String body;
    do {
      body = send(at(path)).body();
      if (condition.test(body)) {
        return body;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return body;
  }

  @Test
  void reloadAppliesANewConfigFile() throws Exception {
    Path file = start(selfJob("first"), true);
    Files.writeString(file, selfJob("second").replace("PORT", Integer.toString(port)));

    HttpResponse<String> r = reload();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(send(at("/api/v1/status/config")).body()).contains("job_name: second");
    assertThat(send(at("/api/v1/targets")).body())
        .contains("\"scrapePool\":\"second\"")
        .doesNotContain("\"scrapePool\":\"first\"");
    assertThat(send(at("/api/v1/status/runtimeinfo")).body())
        .contains("\"reloadConfigSuccess\":true");
  }

  @Test
  void statusConfigShowsSecretsAsSecretAfterStartAndAfterReload() throws Exception {
    Path file =
        start(
            selfJob("first")
                + "    basic_auth:\n      username: vigil\n      password: start-secret\n",
            true);
    assertThat(send(at("/api/v1/status/config")).body())
        .contains("username: vigil", "password: <secret>")
        .doesNotContain("start-secret");

    Files.writeString(
        file,
        selfJob("second").replace("PORT", Integer.toString(port))
            + "    authorization:\n      credentials: reload-secret\n");
    assertThat(reload().statusCode()).isEqualTo(200);

    assertThat(send(at("/api/v1/status/config")).body())
        .contains("credentials: <secret>")
        .doesNotContain("reload-secret");
  }

  @Test
  void badConfigOnReloadIs500WithFileAndLineAndKeepsTheOldConfig() throws Exception {
    Path file = start(selfJob("first"), true);
    Files.writeString(
        file, "scrape_configs:\n  - job_name: broken\n    scrape_intervall: 5s\n");

    HttpResponse<String> r = reload();

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body())
        .isEqualTo(
            "failed to reload config: "
                + file
                + ":3: unknown field \"scrape_intervall\" in scrape_config\n");
    assertThat(send(at("/api/v1/status/config")).body()).contains("job_name: first");
    assertThat(send(at("/api/v1/targets")).body()).contains("\"scrapePool\":\"first\"");
    assertThat(send(at("/api/v1/status/runtimeinfo")).body())
        .contains("\"reloadConfigSuccess\":false");
  }

  @Test
  void reloadNeedsTheLifecycleFlagAndPost() throws Exception {
    start(selfJob("first"), false);

    assertThat(reload().statusCode()).isEqualTo(403);
    assertThat(reload().body()).isEqualTo("Lifecycle API is not enabled.\n");
    assertThat(send(at("/-/reload")).statusCode()).isEqualTo(405);
  }

  @Test
  void metadataComesFromWhatTargetsExposed() throws Exception {
    start(selfJob("self"), false);

    String body =
        await("/api/v1/metadata?metric=vigil_build_info", b -> b.contains("vigil_build_info"));

    assertThat(body)
        .startsWith("{\"status\":\"success\",\"data\":{\"vigil_build_info\":[{\"type\":\"gauge\",")
        .contains("\"unit\":\"\"}]}}");
    assertThat(send(at("/api/v1/targets/metadata?metric=vigil_build_info")).body())
        .startsWith(
            "{\"status\":\"success\",\"data\":[{\"target\":{\"instance\":\"127.0.0.1:"
                + port
                + "\",\"job\":\"self\"},\"type\":\"gauge\"");
    assertThat(send(at("/api/v1/status/flags")).body())
        .contains("\"web.enable-lifecycle\":\"false\"");
  }
}
