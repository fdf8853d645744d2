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
  void boundsMethodAndHostValues() {
    metrics.record("BREW", null, 200, null, 1);

    timer("method", "UNKNOWN", "client.name", "none");
  }
}
