package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.storage.memory.MemoryStorage;
import dev.vigil.server.telemetry.BuildInfo;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server while its store opens (a WAL replay): alive for {@code /-/healthy}, not ready, and
 * every other path 503 until the store is open; over a real socket.
 */
class ServerStartupTest {

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  private int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls until the server listens; the opener runs on another thread meanwhile. */
  private HttpResponse<String> getOnceListening(int port, String path) throws Exception {
    for (int i = 0; ; i++) {
      try {
        return get(port, path);
      } catch (ConnectException e) {
        if (i > 600) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  @Test
  void answersHealthyButNotReadyWhileTheStoreIsOpening() throws Exception {
    int port = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1m\n");
    CountDownLatch replaying = new CountDownLatch(1);
    CountDownLatch finishReplay = new CountDownLatch(1);
    CompletableFuture<Server> started = CompletableFuture.supplyAsync(() -> {
      try {
        return Server.start(ConfigLoader.load(config), new InetSocketAddress("127.0.0.1", port),
            new BuildInfo("1.0", "r", "b", "17"), registry -> {
              replaying.countDown();
              try {
                finishReplay.await();
              } catch (InterruptedException e) {
                throw new IOException(e);
              }
              return new MemoryStorage(registry);
            });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      assertThat(replaying.await(30, TimeUnit.SECONDS)).isTrue();

      assertThat(getOnceListening(port, "/-/healthy").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(port, "/-/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).isEqualTo("Service Unavailable");
      assertThat(get(port, "/api/v1/query?query=up").statusCode()).isEqualTo(503);
      assertThat(get(port, "/metrics").statusCode()).isEqualTo(200);

      finishReplay.countDown();
      try (Server server = started.get(30, TimeUnit.SECONDS)) {
        assertThat(get(port, "/-/ready").statusCode()).isEqualTo(200);
        assertThat(get(port, "/api/v1/query?query=up").statusCode()).isEqualTo(200);
      }
    } finally {
      finishReplay.countDown();
    }
  }

  @Test
  void stopsListeningWhenTheStoreCannotBeOpened() throws Exception {
    int port = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1m\n");

    assertThatThrownBy(() -> Server.start(ConfigLoader.load(config),
        new InetSocketAddress("127.0.0.1", port), new BuildInfo("1.0", "r", "b", "17"),
        registry -> {
          throw new IOException("cannot lock data/lock");
        }))
        .isInstanceOf(Server.StorageOpenException.class)
        .hasMessage("cannot lock data/lock");
    // The port is free again: the web server started for the replay was closed.
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }
}
