package dev.vigil.agent.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.bootstrap.StartupException;
import dev.vigil.agent.metrics.AgentMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

  private void startWithRegistry() {
    start(registry.getPrometheusRegistry()::scrape);
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
}
