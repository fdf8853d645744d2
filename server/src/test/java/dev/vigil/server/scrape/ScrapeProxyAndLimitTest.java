package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.server.config.ScrapeConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proxy_url (plain http in absolute form, https through a CONNECT tunnel) and body_size_limit on
 * both clients, against real loopback servers and {@link TestProxy}.
 */
class ScrapeProxyAndLimitTest {

  private static final String SMALL = "small 1\n";
  private static final String BIG = "big_metric 1\n".repeat(1000); // 13,000 bytes

  @TempDir Path dir;

  /** Certificates for the https cases, made once for the class (keytool runs cost seconds). */
  @TempDir static Path certDir;

  private static TestCertificates certs;

  @BeforeAll
  static void generateCertificates() throws Exception {
    certs = TestCertificates.generate(certDir);
  }

  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final HttpScraper scraper = new HttpScraper(workers, "test");
  private final HttpServer server;
  private final TestProxy proxy;

  ScrapeProxyAndLimitTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serve(server);
    server.start();
    proxy = new TestProxy();
  }

  private static void serve(HttpServer s) {
    s.createContext("/small", exchange -> reply(exchange, SMALL, false));
    s.createContext("/big", exchange -> reply(exchange, BIG, false));
    s.createContext("/big-chunked", exchange -> reply(exchange, BIG, true));
    s.createContext(
        "/moved-small",
        exchange -> {
          exchange.getResponseHeaders().set("Location", "/small");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    s.createContext(
        "/moved-big",
        exchange -> {
          exchange.getResponseHeaders().set("Location", "/big-chunked");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
  }

  private static void reply(
      com.sun.net.httpserver.HttpExchange exchange, String body, boolean chunked)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, chunked ? 0 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @AfterEach
  void tearDown() throws IOException {
    server.stop(0);
    proxy.close();
    workers.shutdownNow();
  }

  private ScrapeConfig job(String settings) throws Exception {
    return ScrapeJobs.load(dir, settings);
  }

  private String scrape(ScrapeConfig job, String url) throws Exception {
    return ScrapeJobs.scrape(scraper, job, url);
  }

  private String target(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void plainHttpGoesThroughTheProxyInAbsoluteForm() throws Exception {
    String url = target("/small");

    assertThat(scrape(job("proxy_url: " + proxy.url() + "\n"), url)).isEqualTo(SMALL);
    assertThat(proxy.requestLines).containsExactly("GET " + url + " HTTP/1.1");
  }

  @Test
  void httpsGoesThroughACONNECTTunnel() throws Exception {
    HttpsServer tls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tls.setHttpsConfigurator(new HttpsConfigurator(certs.serverContext()));
    serve(tls);
    tls.start();
    try {
      String settings =
          "proxy_url: "
              + proxy.url()
              + "\ntls_config:\n  ca_file: "
              + certs.caPem
              + "\n  server_name: metrics.internal\n";
      int port = tls.getAddress().getPort();

      assertThat(scrape(job(settings), "https://127.0.0.1:" + port + "/small")).isEqualTo(SMALL);
      assertThat(proxy.requestLines).containsExactly("CONNECT 127.0.0.1:" + port + " HTTP/1.1");
    } finally {
      tls.stop(0);
    }
  }

  @Test
  void sendsTheProxyUrlsCredentialsToTheProxyOnBothClientsAndInTheTunnel() throws Exception {
    proxy.requiredAuthorization =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString("scraper:p@ss".getBytes(StandardCharsets.UTF_8));
    ScrapeConfig job = job("proxy_url: http://scraper:p%40ss@" + proxy.url().substring(7) + "\n");

    assertThat(scrape(job, target("/small"))).as("lean client").isEqualTo(SMALL);
    assertThat(scrape(job, target("/moved-small")))
        .as("JDK client, after a redirect")
        .isEqualTo(SMALL);

    HttpsServer tls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tls.setHttpsConfigurator(new HttpsConfigurator(certs.serverContext()));
    serve(tls);
    tls.start();
    try {
      ScrapeConfig tlsJob =
          job(
              "proxy_url: http://scraper:p%40ss@"
                  + proxy.url().substring(7)
                  + "\ntls_config:\n  ca_file: "
                  + certs.caPem
                  + "\n  server_name: metrics.internal\n");
      assertThat(scrape(tlsJob, "https://127.0.0.1:" + tls.getAddress().getPort() + "/small"))
          .as("CONNECT tunnel")
          .isEqualTo(SMALL);
    } finally {
      tls.stop(0);
    }
  }

  @Test
  void aProxyRefusingTheCredentialsFailsTheScrapeWith407() throws Exception {
    proxy.requiredAuthorization = "Basic c29tZW9uZTplbHNl";
    ScrapeConfig job = job("proxy_url: http://scraper:wrong@" + proxy.url().substring(7) + "\n");

    assertThatThrownBy(() -> scrape(job, target("/small")))
        .cause()
        .hasMessage("server returned HTTP status 407")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void aProxyThatDropsTheConnectionFailsTheScrape() throws Exception {
    // A proxy that accepts and hangs up at once (a closed port could be reused by another
    // process on a shared machine, so "refused" is not deterministic).
    try (java.net.ServerSocket dropping =
        new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                while (!dropping.isClosed()) {
                  try {
                    dropping.accept().close();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      String url = "http://127.0.0.1:" + dropping.getLocalPort();

      assertThatThrownBy(() -> scrape(job("proxy_url: " + url + "\n"), target("/small")))
          .cause()
          .isInstanceOf(ScrapeException.class)
          .hasMessageStartingWith("Get \"" + target("/small") + "\": ");
    }
  }

  @Test
  void aBodyOverTheLimitFailsWithPrometheusMessage() throws Exception {
    ScrapeConfig limited = job("body_size_limit: 10KB\n");

    assertThat(scrape(limited, target("/small"))).isEqualTo(SMALL);
    assertThatThrownBy(() -> scrape(limited, target("/big")))
        .cause()
        .isInstanceOf(ScrapeException.class)
        .hasMessage("body size limit exceeded");
    assertThatThrownBy(() -> scrape(limited, target("/big-chunked")))
        .cause()
        .hasMessage("body size limit exceeded");
  }

  @Test
  void theLimitHoldsOnTheJdkClientPathToo() throws Exception {
    // The lean client hands a redirect to the JDK client, which downloads the chunked big body.
    assertThatThrownBy(() -> scrape(job("body_size_limit: 10KB\n"), target("/moved-big")))
        .cause()
        .isInstanceOf(ScrapeException.class)
        .hasMessage("body size limit exceeded");
    assertThat(scrape(job("body_size_limit: 20KB\n"), target("/moved-big"))).isEqualTo(BIG);
  }

  @Test
  void withoutALimitABigBodyIsScraped() throws Exception {
    assertThat(scrape(job(""), target("/big"))).isEqualTo(BIG);
  }
}
