package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.config.ScrapeConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https scrapes of real loopback HttpsServers with keytool-made certificates: the CA file, the
 * verified server name, insecure_skip_verify and a client certificate a server requires.
 */
class ScrapeTlsTest {

  private static final String BODY = "tls_up 1\n";

  @TempDir static Path dir;

  private static TestCertificates certs;
  private static HttpsServer server;
  private static HttpsServer mtlsServer;

  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final HttpScraper scraper = new HttpScraper(workers, "test");

  @BeforeAll
  static void startServers() throws Exception {
    certs = TestCertificates.generate(dir);
    SSLContext ctx = certs.serverContext();
    server = start(ctx, false);
    mtlsServer = start(ctx, true);
  }

  private static HttpsServer start(SSLContext ctx, boolean needClientCert) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.setHttpsConfigurator(
        new HttpsConfigurator(ctx) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = ctx.getDefaultSSLParameters();
            p.setNeedClientAuth(needClientCert);
            params.setSSLParameters(p);
          }
        });
    s.createContext(
        "/metrics",
        exchange -> {
          byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    s.start();
    return s;
  }

  @AfterAll
  static void stopServers() {
    if (server != null) {
      server.stop(0);
    }
    if (mtlsServer != null) {
      mtlsServer.stop(0);
    }
  }

  private String scrape(HttpsServer target, String tlsConfig) throws Exception {
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(
        file,
        "scrape_configs:\n  - job_name: app\n    scheme: https\n"
            + (tlsConfig.isEmpty() ? "" : "    tls_config:\n" + tlsConfig.indent(6)));
    ScrapeConfig job = new ConfigLoader(n -> null).loadFile(file).scrapeConfig("app");
    URI url = URI.create("https://127.0.0.1:" + target.getAddress().getPort() + "/metrics");
    HttpScraper.Request r =
        scraper.prepare(url, Duration.ofSeconds(20), job.http(), job.bodySizeLimit());
    try {
      return new String(scraper.fetch(r).get(60, TimeUnit.SECONDS).bytes(), StandardCharsets.UTF_8);
    } finally {
      HttpScraper.release(r);
    }
  }

  @Test
  void trustsTheConfiguredCaAndVerifiesAgainstServerName() throws Exception {
    assertThat(scrape(server, "ca_file: ca.crt\nserver_name: metrics.internal\n")).isEqualTo(BODY);
  }

  @Test
  void refusesACertificateNotValidForTheAddressScraped() {
    // Without server_name the name checked is 127.0.0.1, which the certificate does not cover.
    assertThatThrownBy(() -> scrape(server, "ca_file: ca.crt\n"))
        .cause()
        .isInstanceOf(ScrapeException.class)
        .hasMessageStartingWith("Get \"https://127.0.0.1:")
        .hasMessageContaining("127.0.0.1");
  }

  @Test
  void refusesACertificateFromAnUntrustedCa() {
    assertThatThrownBy(() -> scrape(server, "server_name: metrics.internal\n"))
        .cause()
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("PKIX");
  }

  @Test
  void insecureSkipVerifyAcceptsAnyCertificate() throws Exception {
    assertThat(scrape(server, "insecure_skip_verify: true\n")).isEqualTo(BODY);
  }

  @Test
  void presentsTheClientCertificateAServerRequires() throws Exception {
    String trust = "ca_file: ca.crt\nserver_name: metrics.internal\n";
    assertThatThrownBy(() -> scrape(mtlsServer, trust))
        .as("without a client certificate the handshake fails")
        .cause()
        .isInstanceOf(ScrapeException.class);

    assertThat(scrape(mtlsServer, trust + "cert_file: client.crt\nkey_file: client.key\n"))
        .isEqualTo(BODY);
  }

  @Test
  void readsAPkcs1RsaKeyAsWell() throws Exception {
    PrivateKey pkcs8 =
        (PrivateKey)
            certs.load("client.p12").getKey("client", TestCertificates.PASSWORD.toCharArray());
    Files.writeString(
        dir.resolve("client-pkcs1.key"),
        TestCertificates.pem("RSA PRIVATE KEY", pkcs1Of(pkcs8.getEncoded())));
    String config =
        "ca_file: ca.crt\nserver_name: metrics.internal\n"
            + "cert_file: client.crt\nkey_file: client-pkcs1.key\n";

    assertThat(scrape(mtlsServer, config)).isEqualTo(BODY);
  }

  @Test
  void aMinimumVersionAboveTheServersMaximumFailsTheHandshake() throws Exception {
    String trust = "ca_file: ca.crt\nserver_name: metrics.internal\n";
    assertThat(scrape(server, trust + "min_version: TLS13\n")).isEqualTo(BODY);

    HttpsServer tls12Only = start(tls12Only(certs.serverContext()), false);
    try {
      assertThatThrownBy(() -> scrape(tls12Only, trust + "min_version: TLS13\n"))
          .cause()
          .isInstanceOf(ScrapeException.class);
      assertThat(scrape(tls12Only, trust + "max_version: TLS12\n")).isEqualTo(BODY);
    } finally {
      tls12Only.stop(0);
    }
  }

  @Test
  void aChangedCaFileIsReadAgainAtTheNextConnection() throws Exception {
    // First the file holds a certificate that did not sign the server's: the handshake fails.
    Path ca = dir.resolve("rotating-ca.crt");
    Files.copy(certs.clientCertPem, ca);
    Path file = dir.resolve("rotating.yml");
    Files.writeString(
        file,
        "scrape_configs:\n  - job_name: app\n    scheme: https\n    tls_config:\n"
            + "      ca_file: rotating-ca.crt\n      server_name: metrics.internal\n");
    ScrapeConfig job = new ConfigLoader(n -> null).loadFile(file).scrapeConfig("app");
    URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    HttpScraper.Request r =
        scraper.prepare(url, Duration.ofSeconds(20), job.http(), job.bodySizeLimit());
    try {
      assertThatThrownBy(() -> scraper.fetch(r).get(60, TimeUnit.SECONDS))
          .cause()
          .hasMessageContaining("PKIX");

      Files.copy(certs.caPem, ca, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

      assertThat(scraper.fetch(r).get(60, TimeUnit.SECONDS).bytes())
          .as("same prepared request, the CA file read again")
          .asString(StandardCharsets.UTF_8)
          .isEqualTo(BODY);
    } finally {
      HttpScraper.release(r);
    }
  }

  @Test
  void anUnreadableCaFileFailsTheScrapeNamingTheFile() {
    assertThatThrownBy(() -> scrape(server, "ca_file: missing-ca.crt\n"))
        .cause()
        .hasMessageContaining("unable to read CA file")
        .hasMessageContaining("missing-ca.crt");
  }

  @Test
  void aKeyOfTheWrongFormatIsAClearError() throws Exception {
    Files.writeString(
        dir.resolve("ec-sec1.key"), TestCertificates.pem("EC PRIVATE KEY", new byte[] {1, 2, 3}));
    String config =
        "ca_file: ca.crt\nserver_name: metrics.internal\n"
            + "cert_file: client.crt\nkey_file: ec-sec1.key\n";

    assertThatThrownBy(() -> scrape(mtlsServer, config))
        .cause()
        .hasMessageContaining("ec-sec1.key:1: EC PRIVATE KEY (SEC 1) is not supported");
  }

  /** A context whose server side speaks TLS 1.2 only. */
  private static SSLContext tls12Only(SSLContext ctx) {
    return new SSLContext(
        new javax.net.ssl.SSLContextSpi() {
          // Delegates to ctx, restricting the protocols of every server socket and engine.
          @Override
          protected void engineInit(
              javax.net.ssl.KeyManager[] km,
              javax.net.ssl.TrustManager[] tm,
              java.security.SecureRandom sr) {}

          @Override
          protected javax.net.ssl.SSLSocketFactory engineGetSocketFactory() {
            return ctx.getSocketFactory();
          }

          @Override
          protected javax.net.ssl.SSLServerSocketFactory engineGetServerSocketFactory() {
            return ctx.getServerSocketFactory();
          }

          @Override
          protected javax.net.ssl.SSLEngine engineCreateSSLEngine() {
            javax.net.ssl.SSLEngine e = ctx.createSSLEngine();
            e.setEnabledProtocols(new String[] {"TLSv1.2"});
            return e;
          }

          @Override
          protected javax.net.ssl.SSLEngine engineCreateSSLEngine(String host, int port) {
            javax.net.ssl.SSLEngine e = ctx.createSSLEngine(host, port);
            e.setEnabledProtocols(new String[] {"TLSv1.2"});
            return e;
          }

          @Override
          protected javax.net.ssl.SSLSessionContext engineGetServerSessionContext() {
            return ctx.getServerSessionContext();
          }

          @Override
          protected javax.net.ssl.SSLSessionContext engineGetClientSessionContext() {
            return ctx.getClientSessionContext();
          }

          @Override
          protected SSLParameters engineGetDefaultSSLParameters() {
            SSLParameters p = ctx.getDefaultSSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            return p;
          }

          @Override
          protected SSLParameters engineGetSupportedSSLParameters() {
            return ctx.getSupportedSSLParameters();
          }
        },
        ctx.getProvider(),
        ctx.getProtocol()) {};
  }

  /**
   * The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: the contents of its last element, the
   * OCTET STRING after the version and the algorithm identifier.
   */
  private static byte[] pkcs1Of(byte[] pkcs8) {
    int[] pos = {0};
    header(pkcs8, pos); // outer SEQUENCE
    skip(pkcs8, pos); // version
    skip(pkcs8, pos); // algorithm
    int len = header(pkcs8, pos); // OCTET STRING
    return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + len);
  }

  private static int header(byte[] der, int[] pos) {
    pos[0]++; // tag
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int len = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      len = (len << 8) | (der[pos[0]++] & 0xff);
    }
    return len;
  }

  private static void skip(byte[] der, int[] pos) {
    int len = header(der, pos);
    pos[0] += len;
  }

  @Test
  void pkcs1ConversionRoundTripsAGeneratedKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    byte[] pkcs8 = g.generateKeyPair().getPrivate().getEncoded();

    assertThat(Pem.rsaPkcs1ToPkcs8(pkcs1Of(pkcs8))).isEqualTo(pkcs8);
  }
}
