package dev.vigil.agent.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.bootstrap.StartupException;
import dev.vigil.agent.config.EndpointSecurity;
import dev.vigil.agent.testing.SelfSignedKeyStore;
import dev.vigil.agent.metrics.AgentMeterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsHttpEndpointTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry = AgentMeterRegistry.create("orders");
  private MetricsHttpEndpoint endpoint;

  @AfterEach
  void stop() {
    if (endpoint != null) {
      endpoint.close();
    }
    registry.close();
  }

  private void start(Supplier<MetricSnapshots> snapshots) {
    endpoint = MetricsHttpEndpoint.start("127.0.0.1", 0, snapshots);
  }

  /** The agent's way: the registry's meters written directly. */
  private void startWithRegistry() {
    startWithRegistry(registry);
  }

  private void startWithRegistry(PrometheusMeterRegistry meters) {
    endpoint = MetricsHttpEndpoint.start("127.0.0.1", 0, EndpointSecurity.none(), meters);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path));
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void servesJvmMetricsLabelledWithTheApplicationAsPrometheusText() throws Exception {
    startWithRegistry();

    HttpResponse<byte[]> response = send(request("/metrics"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text(response))
        .contains("# TYPE jvm_memory_used_bytes gauge")
        .containsPattern(
            "jvm_memory_used_bytes\\{application=\"orders\",area=\"heap\",id=\"[^\"]+\"}")
        .contains("jvm_threads_live_threads{application=\"orders\"}")
        .contains("jvm_classes_loaded_classes{application=\"orders\"}");
  }

  @Test
  void servesOpenMetricsWhenTheScraperAsksForIt() throws Exception {
    startWithRegistry();

    HttpResponse<byte[]> response =
        send(request("/metrics").header("Accept", ExpositionNegotiationTest.PROMETHEUS_ACCEPT));

    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(text(response)).contains("jvm_threads_live_threads{application=\"orders\"}");
    assertThat(text(response)).endsWith("# EOF\n");
  }

  @Test
  void gzipsWhenTheScraperAcceptsIt() throws Exception {
    startWithRegistry();

    HttpResponse<byte[]> response = send(request("/metrics").header("Accept-Encoding", "gzip"));

    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("jvm_threads_live_threads{application=\"orders\"}");
    }
  }

  @Test
  void servesTheSameBodiesAsMicrometersOwnScrapeInBothFormatsPlainAndGzipped() throws Exception {
    PrometheusMeterRegistry fixed =
        new PrometheusMeterRegistry(
            PrometheusConfig.DEFAULT, new PrometheusRegistry(), new MockClock());
    Counter.builder("orders.placed").tag("region", "eu").register(fixed).increment(3);
    Gauge.builder("queue.depth", () -> 12.5).description("Queued \"orders\"").register(fixed);
    Timer.builder("http.server.requests").tag("uri", "/a").register(fixed)
        .record(Duration.ofMillis(40));
    startWithRegistry(fixed);

    for (String accept : new String[] {"text/plain", OpenMetricsTextFormatWriter.CONTENT_TYPE}) {
      String expected = fixed.scrape(accept);
      HttpResponse<byte[]> plain = send(request("/metrics").header("Accept", accept));
      HttpResponse<byte[]> gzipped =
          send(request("/metrics").header("Accept", accept).header("Accept-Encoding", "gzip"));

      assertThat(text(plain)).isEqualTo(expected);
      assertThat(plain.headers().firstValue("Content-Length"))
          .hasValue(Integer.toString(plain.body().length));
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
      }
    }
    fixed.close();
  }

  @Test
  void answersHeadWithHeadersOnly() throws Exception {
    startWithRegistry();

    HttpResponse<byte[]> response =
        send(request("/metrics").method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.body()).isEmpty();
  }

  @Test
  void rejectsOtherMethodsNamingTheAllowedOnes() throws Exception {
    startWithRegistry();

    HttpResponse<byte[]> response =
        send(request("/metrics").POST(HttpRequest.BodyPublishers.ofString("x")));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void pointsFromTheRootToMetricsAndAnswers404Elsewhere() throws Exception {
    startWithRegistry();

    assertThat(text(send(request("/")))).contains("/metrics");
    assertThat(send(request("/metricsx")).statusCode()).isEqualTo(404);
    assertThat(send(request("/metrics/extra")).statusCode()).isEqualTo(404);
  }

  @Test
  void answers500RatherThanATruncatedBodyWhenCollectingFails() throws Exception {
    start(
        () -> {
          throw new IllegalStateException("gauge exploded");
        });

    HttpResponse<byte[]> response = send(request("/metrics"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(text(response)).contains("gauge exploded");
  }

  @Test
  void reportsAPortInUseNamingTheAddressAndSettings() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> MetricsHttpEndpoint.start("127.0.0.1", port, MetricSnapshots::of))
          .isInstanceOf(StartupException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + " ")
          .hasMessageContaining("vigil.agent.port");
    }
  }

  private static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private void startWithBasicAuth(EndpointSecurity security) {
    endpoint = MetricsHttpEndpoint.start("127.0.0.1", 0, security, registry);
  }

  @Test
  void asksForCredentialsWhenBasicAuthIsConfigured() throws Exception {
    startWithBasicAuth(EndpointSecurity.basicAuth("prometheus", "s3cret"));

    HttpResponse<byte[]> response = send(request("/metrics"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm=\"vigil-agent\""));
    assertThat(text(response)).doesNotContain("jvm_");
  }

  @Test
  void servesMetricsWithTheRightCredentials() throws Exception {
    startWithBasicAuth(EndpointSecurity.basicAuth("prometheus", "s3cret"));

    HttpResponse<byte[]> response =
        send(request("/metrics").header("Authorization", basic("prometheus", "s3cret")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response)).contains("jvm_threads_live_threads{application=\"orders\"}");
  }

  @Test
  void rejectsAWrongPasswordAndAWrongUser() throws Exception {
    startWithBasicAuth(EndpointSecurity.basicAuth("prometheus", "s3cret"));

    assertThat(
            send(request("/metrics").header("Authorization", basic("prometheus", "s3cre")))
                .statusCode())
        .isEqualTo(401);
    assertThat(
            send(request("/metrics").header("Authorization", basic("grafana", "s3cret")))
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void acceptsThePasswordWhoseSha256IsConfigured() throws Exception {
    Path settings = directory.resolve("vigil.properties");
    String digest =
        HexFormat.of().formatHex(PasswordCheck.sha256("correct horse battery staple"));
    Files.writeString(
        settings,
        "vigil.agent.auth.username=prometheus\nvigil.agent.auth.password={sha256}" + digest);
    EndpointSecurity security =
        dev.vigil.agent.config.AgentConfig.load(
                java.util.Map.of("vigil.config.file", settings.toString()), java.util.Map.of())
            .security();
    startWithBasicAuth(security);

    HttpResponse<byte[]> right =
        send(
            request("/metrics")
                .header("Authorization", basic("prometheus", "correct horse battery staple")));
    HttpResponse<byte[]> theDigestItself =
        send(request("/metrics").header("Authorization", basic("prometheus", digest)));

    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(theDigestItself.statusCode()).isEqualTo(401);
  }

  @TempDir Path directory;

  @Test
  void servesHttpsWithTheKeyFromAPkcs12KeyStore() throws Exception {
    servesHttpsWithTheKeyFrom("PKCS12");
  }

  @Test
  void servesHttpsWithTheKeyFromAJksKeyStore() throws Exception {
    servesHttpsWithTheKeyFrom("JKS");
  }

  private void servesHttpsWithTheKeyFrom(String storeType) throws Exception {
    SelfSignedKeyStore keys = SelfSignedKeyStore.generate(directory, storeType);
    endpoint =
        MetricsHttpEndpoint.start(
            "127.0.0.1",
            0,
            EndpointSecurity.basicAuth("prometheus", "s3cret")
                .withTls(keys.keyStore(), SelfSignedKeyStore.PASSWORD),
            registry.getPrometheusRegistry()::scrape);
    HttpClient trusting = HttpClient.newBuilder().sslContext(keys.clientContext()).build();
    URI uri = URI.create("https://127.0.0.1:" + endpoint.port() + "/metrics");

    HttpResponse<String> response =
        trusting.send(
            HttpRequest.newBuilder(uri)
                .header("Authorization", basic("prometheus", "s3cret"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("jvm_threads_live_threads{application=\"orders\"}");
  }

  @Test
  void refusesAClientThatDoesNotTrustTheCertificate() throws Exception {
    SelfSignedKeyStore keys = SelfSignedKeyStore.generate(directory, "PKCS12");
    endpoint =
        MetricsHttpEndpoint.start(
            "127.0.0.1",
            0,
            EndpointSecurity.none().withTls(keys.keyStore(), SelfSignedKeyStore.PASSWORD),
            registry.getPrometheusRegistry()::scrape);
    URI uri = URI.create("https://127.0.0.1:" + endpoint.port() + "/metrics");

    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void reportsAWrongKeyStorePasswordNamingTheKeyStoreAndLeavesNoPortOpen() throws Exception {
    SelfSignedKeyStore keys = SelfSignedKeyStore.generate(directory, "PKCS12");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                MetricsHttpEndpoint.start(
                    "127.0.0.1",
                    port,
                    EndpointSecurity.none().withTls(keys.keyStore(), "wrong"),
                    MetricSnapshots::of))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith(
            "cannot use TLS key store " + keys.keyStore() + " (vigil.agent.tls.keystore): ");
    try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(free.getLocalPort()).isEqualTo(port);
    }
  }
}
