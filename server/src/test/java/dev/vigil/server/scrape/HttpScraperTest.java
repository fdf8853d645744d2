package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which client a target gets, and what a scrape through each returns, against a real server. */
class HttpScraperTest {

  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final HttpScraper scraper = new HttpScraper(workers, "test");
  private final HttpServer server;
  /** Remote ports the server saw: one per connection the scraper opened. */
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  HttpScraperTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          clientPorts.add(exchange.getRemoteAddress().getPort());
          byte[] body = "up_here 1\n".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    AtomicInteger counter = new AtomicInteger();
    server.createContext(
        "/tiny",
        exchange -> {
          // Under 8 bytes: the client's kept buffer is then exactly the body's length.
          String text = "t " + counter.incrementAndGet() + "\n";
          byte[] body = text.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.createContext(
        "/old",
        exchange -> {
          exchange.getResponseHeaders().set("Location", "/metrics");
          exchange.sendResponseHeaders(301, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
    workers.shutdownNow();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void httpAndHttpsTargetsGetTheLeanClientAndUrlsWithUserInfoTheJdkOne() {
    HttpScraper.Request plain = scraper.prepare(url("/metrics"), Duration.ofSeconds(5));
    HttpScraper.Request tls =
        scraper.prepare(URI.create("https://127.0.0.1:1/metrics"), Duration.ofSeconds(5));
    HttpScraper.Request userInfo =
        scraper.prepare(URI.create("http://u:p@127.0.0.1:1/metrics"), Duration.ofSeconds(5));

    assertThat(plain.lean()).isNotNull();
    assertThat(tls.lean()).isNotNull();
    assertThat(userInfo.lean()).isNull();
    assertThat(userInfo.http()).isNotNull();
  }

  @Test
  void scrapesOfOneTargetShareOneConnection() throws Exception {
    HttpScraper.Request r = scraper.prepare(url("/metrics"), Duration.ofSeconds(5));

    for (int i = 0; i < 3; i++) {
      HttpScraper.Body body = scraper.fetch(r).get();
      assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("up_here 1\n");
    }

    assertThat(clientPorts).hasSize(1);
    HttpScraper.release(r);
  }

  @Test
  void aBodyHandedOutByAFutureIsNotOverwrittenByTheTargetsNextScrape() throws Exception {
    HttpScraper.Request r = scraper.prepare(url("/tiny"), Duration.ofSeconds(5));

    HttpScraper.Body first = scraper.fetch(r).get();
    HttpScraper.Body second = scraper.fetch(r).get();

    assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo("t 1\n");
    assertThat(new String(second.bytes(), StandardCharsets.UTF_8)).isEqualTo("t 2\n");
    HttpScraper.release(r);
  }

  @Test
  void aStalledTargetDoesNotHoldUpAnotherTargetsScrape() throws Exception {
    // A listening socket nobody accepts from: the connection completes in the kernel, the
    // request is sent, and no response ever comes.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      HttpScraper.Request stalled =
          scraper.prepare(
              URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/metrics"),
              Duration.ofMinutes(5));
      HttpScraper.Request healthy = scraper.prepare(url("/metrics"), Duration.ofSeconds(5));
      CompletableFuture<HttpScraper.Body> stalledScrape = scraper.fetch(stalled);

      HttpScraper.Body body = scraper.fetch(healthy).get();

      assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("up_here 1\n");
      assertThat(stalledScrape).isNotDone();
      HttpScraper.release(stalled); // closes its socket: the stalled scrape fails at once
      assertThatThrownBy(stalledScrape::get).cause().isInstanceOf(ScrapeException.class);
      HttpScraper.release(healthy);
    }
  }

  @Test
  void followsARedirectThroughTheJdkClient() throws Exception {
    HttpScraper.Request r = scraper.prepare(url("/old"), Duration.ofSeconds(5));

    HttpScraper.Body body = scraper.fetch(r).get();

    assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("up_here 1\n");
    HttpScraper.release(r);
  }

  @Test
  void namesTheUrlWhenTheTargetRefusesTheConnection() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + closedPort + "/metrics");

    assertThatThrownBy(() -> scraper.fetch(url, Duration.ofSeconds(5)).get())
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ScrapeException.class)
        .hasMessageStartingWith("Get \"" + url + "\": ")
        .hasMessageContaining("refused");
  }

  @Test
  void reportsNon200StatusAsPrometheusDoes() throws Exception {
    URI url = url("/missing");

    assertThatThrownBy(() -> scraper.fetch(url, Duration.ofSeconds(5)).get())
        .cause()
        .hasMessage("server returned HTTP status 404");
  }
}
