package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpClientRequestMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HttpClientRequestMetrics metrics = new HttpClientRequestMetrics(registry);

  private Timer timer(String... tags) {
    Timer timer = registry.find("http.client.requests").tags(tags).timer();
    assertThat(timer).as("timer with %s in %s", String.join(",", tags), registry.getMetersAsString()).isNotNull();
    return timer;
  }

  @Test
  void tagsAnAnsweredRequestWithStatusOutcomeAndHost() {
    metrics.record("GET", "api.example.com", 503, null, TimeUnit.MILLISECONDS.toNanos(20));

    Timer timer =
        timer("method", "GET", "uri", "none", "status", "503", "outcome", "SERVER_ERROR",
            "exception", "none", "client.name", "api.example.com");
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20);
  }

  @Test
  void tagsAFailedExchangeAsIoError() {
    metrics.record("POST", "db", -1, new ConnectException("refused"), 1);

    timer("status", "IO_ERROR", "outcome", "UNKNOWN", "exception", "ConnectException");
  }

  @Test
  void tagsAFailureThatIsNoIoExceptionAsClientError() {
    metrics.recordResponse("GET", "db", null, new IllegalArgumentException("bad header"), 1);

    timer("status", "CLIENT_ERROR", "exception", "IllegalArgumentException");
  }

  @Test
  void keepsFailuresWithoutAStatusApartByTheirKind() {
    metrics.record("GET", "db", -1, new ConnectException("refused"), 1);
    metrics.record("GET", "db", -1, new ConnectException("refused again"), 1);
    metrics.record("GET", "db", -1, new IllegalArgumentException("bad header"), 1);

    assertThat(timer("status", "IO_ERROR", "exception", "ConnectException").count()).isEqualTo(2);
    assertThat(timer("status", "CLIENT_ERROR", "exception", "IllegalArgumentException").count())
        .isEqualTo(1);
  }

  @Test
  void countsRepeatedRequestsInOneSeriesPerHostAndStatus() {
    metrics.record("GET", "a", 200, null, 1);
    metrics.record("GET", "a", 200, null, 1);
    metrics.record("GET", "b", 200, null, 1);
    metrics.record("GET", "a", 404, null, 1);

    assertThat(timer("client.name", "a", "status", "200").count()).isEqualTo(2);
    assertThat(timer("client.name", "b", "status", "200").count()).isEqualTo(1);
    assertThat(timer("client.name", "a", "status", "404", "outcome", "CLIENT_ERROR").count())
        .isEqualTo(1);
    assertThat(registry.find("http.client.requests").timers()).hasSize(3);
  }

  @Test
  void boundsMethodAndHostValues() {
    metrics.record("BREW", null, 200, null, 1);

    timer("method", "UNKNOWN", "client.name", "none");
  }

  @Test
  void keepsAnAnsweredRequestWithAnExceptionApartFromPlainOnes() {
    metrics.record("GET", "a", 200, null, 1);
    metrics.record("GET", "a", 200, null, 1);
    metrics.record("GET", "a", 200, new IllegalStateException("body handler"), 1);
    metrics.record("BREW", "a", 200, null, 1);
    metrics.record("GET", "", 200, null, 1);

    assertThat(timer("client.name", "a", "method", "GET", "exception", "none").count())
        .isEqualTo(2);
    assertThat(timer("client.name", "a", "exception", "IllegalStateException").count())
        .isEqualTo(1);
    assertThat(timer("client.name", "a", "method", "UNKNOWN").count()).isEqualTo(1);
    assertThat(timer("client.name", "none", "method", "GET").count()).isEqualTo(1);
  }
}
