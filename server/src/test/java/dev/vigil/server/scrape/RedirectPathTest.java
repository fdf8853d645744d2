package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.config.ScrapeConfig;
import dev.vigil.server.storage.memory.MemoryStorage;
import dev.vigil.server.telemetry.TelemetryRegistry;
import dev.vigil.server.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redirected scrape keeps the job's TLS and proxy settings: server_name as SNI and verified name
 * on the JDK client, and the proxy's credentials in the CONNECT of a redirected https target.
 * Against a real https server (certificate for metrics.internal only) and {@link TestProxy}.
 */
class RedirectPathTest {

  private static final String BODY = "small 1\n";

  @TempDir Path dir;
  @TempDir static Path certDir;
  private static TestCertificates certs;

  @BeforeAll
  static void generateCertificates() throws Exception {
    certs = TestCertificates.generate(certDir);
  }

  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final HttpScraper scraper = new HttpScraper(workers, "test");

  /** The SNI host name of each TLS handshake the server saw ("" for none), in order. */
  private final List<String> sniSeen = new CopyOnWriteArrayList<>();

  private final HttpsServer tls;
  private final TestProxy proxy;

  RedirectPathTest() throws Exception {
    tls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tls.setHttpsConfigurator(
        new HttpsConfigurator(certs.serverContext()) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = getSSLContext().getDefaultSSLParameters();
            p.setSNIMatchers(List.of(new RecordingMatcher()));
            params.setSSLParameters(p);
          }
        });
    serve(tls);
    tls.start();
    proxy = new TestProxy();
  }

  /** Accepts every SNI name and records it. */
  private final class RecordingMatcher extends SNIMatcher {
    RecordingMatcher() {
      super(0); // host_name
    }

    @Override
    public boolean matches(SNIServerName name) {
      sniSeen.add(((SNIHostName) name).getAsciiName());
      return true;
    }
  }

  private static void serve(HttpServer s) {
    s.createContext("/small", exchange -> reply(exchange, 200, BODY));
    s.createContext("/moved", exchange -> redirect(exchange, "/small"));
    s.createContext("/loop", exchange -> redirect(exchange, "/loop"));
  }

  private static void redirect(HttpExchange exchange, String to) throws IOException {
    exchange.getResponseHeaders().set("Location", to);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @AfterEach
  void tearDown() throws IOException {
    tls.stop(0);
    proxy.close();
    workers.shutdownNow();
  }

  private ScrapeConfig job(String settings) throws Exception {
    return ScrapeJobs.load(dir, settings);
  }

  private String scrape(ScrapeConfig job, String url) throws Exception {
    return ScrapeJobs.scrape(scraper, job, url);
  }

  private String https(String host, String path) {
    return "https://" + host + ":" + tls.getAddress().getPort() + path;
  }

  private String proxyWithCredentials() {
    proxy.requiredAuthorization =
        "Basic "
            + Base64.getEncoder().encodeToString("scraper:p@ss".getBytes(StandardCharsets.UTF_8));
    return "proxy_url: http://scraper:p%40ss@" + proxy.url().substring(7) + "\n";
  }

  @Test
  void aRedirectedScrapeVerifiesTheCertificateAgainstServerNameForAnIpTarget() throws Exception {
    ScrapeConfig job =
        job("tls_config:\n  ca_file: " + certs.caPem + "\n  server_name: metrics.internal\n");

    // The certificate names metrics.internal only: checked against 127.0.0.1 it would fail.
    assertThat(scrape(job, https("127.0.0.1", "/moved"))).isEqualTo(BODY);
    assertThat(scraper.jdkClientCount()).as("the redirect went through the JDK client").isOne();
  }

  @Test
  void aRedirectedScrapeSendsServerNameAsSniForAHostNameTarget() throws Exception {
    ScrapeConfig job =
        job("tls_config:\n  ca_file: " + certs.caPem + "\n  server_name: metrics.internal\n");

    assertThat(scrape(job, https("localhost", "/moved"))).isEqualTo(BODY);
    // One handshake by the lean client (the 302), one by the JDK client (the body).
    assertThat(sniSeen).containsExactly("metrics.internal", "metrics.internal");
  }

  @Test
  void aRedirectedHttpsTargetBehindAnAuthenticatingProxyGetsTheCredentialsInEachConnect()
      throws Exception {
    ScrapeConfig job =
        job(
            proxyWithCredentials()
                + "tls_config:\n  ca_file: "
                + certs.caPem
                + "\n  server_name: metrics.internal\n");
    String authority = "127.0.0.1:" + tls.getAddress().getPort();

    assertThat(scrape(job, https("127.0.0.1", "/moved"))).isEqualTo(BODY);
    assertThat(proxy.requestLines)
        .containsExactly(
            "CONNECT " + authority + " HTTP/1.1", "CONNECT " + authority + " HTTP/1.1");
    assertThat(sniSeen).containsOnly("metrics.internal");
  }

  @Test
  void redirectsThroughAnAuthenticatingProxyStopAfterTenHopsAsGosClientDoes() throws Exception {
    ScrapeConfig job =
        job(
            proxyWithCredentials()
                + "tls_config:\n  ca_file: "
                + certs.caPem
                + "\n  server_name: metrics.internal\n");

    assertThatThrownBy(() -> scrape(job, https("127.0.0.1", "/loop")))
        .cause()
        .isInstanceOf(ScrapeException.class)
        .hasMessage("Get \"" + https("127.0.0.1", "/loop") + "\": stopped after 10 redirects");
    assertThat(proxy.requestLines).hasSize(11);
  }

  @Test
  void withFollowRedirectsOffTheProxyPathReportsTheRedirectStatus() throws Exception {
    ScrapeConfig job =
        job(
            proxyWithCredentials()
                + "follow_redirects: false\ntls_config:\n  ca_file: "
                + certs.caPem
                + "\n  server_name: metrics.internal\n");

    assertThatThrownBy(() -> scrape(job, https("127.0.0.1", "/moved")))
        .cause()
        .hasMessage("server returned HTTP status 302");
  }

  @Test
  void droppingTheClientsOfSettingsNoJobUsesLeavesTheOthersAndRebuildsOnDemand() throws Exception {
    ScrapeConfig a =
        job("tls_config:\n  ca_file: " + certs.caPem + "\n  server_name: metrics.internal\n");
    ScrapeConfig b = job("tls_config:\n  insecure_skip_verify: true\n");
    scrape(a, https("127.0.0.1", "/moved"));
    scrape(b, https("127.0.0.1", "/moved"));
    assertThat(scraper.jdkClientCount()).isEqualTo(2);

    scraper.retainJdkClients(List.of(b.http()));

    assertThat(scraper.jdkClientCount()).isOne();
    assertThat(scrape(a, https("127.0.0.1", "/moved"))).isEqualTo(BODY);
    assertThat(scraper.jdkClientCount()).isEqualTo(2);
    scraper.retainJdkClients(List.of());
    assertThat(scraper.jdkClientCount()).isZero();
  }

  @Test
  void aConfigReloadDropsTheJdkClientsOfSettingsNoJobHasAnyMore() throws Exception {
    TelemetryRegistry registry = new TelemetryRegistry();
    try (MemoryStorage storage = new MemoryStorage(registry);
        ScrapeManager manager =
            ScrapeManager.manual(storage, registry, new MutableClock(1_700_000_000_000L))) {
      String target = "127.0.0.1:" + tls.getAddress().getPort();
      String jobYaml =
          """
          scrape_configs:
            - job_name: app
              scheme: https
              metrics_path: /moved
              tls_config: {%s}
              static_configs:
                - targets: ["%s"]
          """;
      ConfigLoader loader = new ConfigLoader(n -> null);
      manager.apply(
          loader.parse(
              jobYaml.formatted(
                  "ca_file: " + certs.caPem + ", server_name: metrics.internal", target),
              "a.yml"));
      manager.scrapeNow().get(60, TimeUnit.SECONDS);
      assertThat(manager.targets().get(0).lastError()).isEmpty();
      assertThat(manager.jdkClientCount()).isOne();

      manager.apply(loader.parse(jobYaml.formatted("insecure_skip_verify: true", target), "b.yml"));
      assertThat(manager.jdkClientCount()).as("the first tls_config's client is dropped").isZero();
      manager.scrapeNow().get(60, TimeUnit.SECONDS);
      assertThat(manager.jdkClientCount()).isOne();

      manager.apply(loader.parse("scrape_configs: []\n", "c.yml"));
      assertThat(manager.jdkClientCount()).isZero();
    }
  }
}
