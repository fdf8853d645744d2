package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpServerRequestMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HttpServerRequestMetrics metrics = new HttpServerRequestMetrics(registry);

  private Timer timer(String method, String uri, String status, String outcome, String exception) {
    return registry
        .get("http.server.requests")
        .tags("method", method, "uri", uri, "status", status, "outcome", outcome)
        .tag("exception", exception)
        .timer();
  }

  @Test
  void recordsRequestsUnderSpringsNameAndTags() {
    metrics.record("GET", "/orders", 200, null, TimeUnit.MILLISECONDS.toNanos(30));
    metrics.record("GET", "/orders", 200, null, TimeUnit.MILLISECONDS.toNanos(10));

    Timer timer = timer("GET", "/orders", "200", "SUCCESS", "none");
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
  }

  @Test
  void namesTheExceptionAndMarksAMissingResponseUnknown() {
    metrics.record("POST", "/orders", -1, new IllegalStateException("db down"), 1_000);

    assertThat(timer("POST", "/orders", "UNKNOWN", "UNKNOWN", "IllegalStateException").count())
        .isEqualTo(1);
  }

  @Test
  void keepsRequestsWithDifferentStatusesOrExceptionsInTheirOwnSeries() {
    metrics.record("GET", "/orders", 200, null, 1_000);
    metrics.record("GET", "/orders", 404, null, 1_000);
    metrics.record("GET", "/orders", 500, new IllegalStateException(), 1_000);
    metrics.record("GET", "/orders", 500, new IllegalArgumentException(), 1_000);
    metrics.record("GET", "/orders", -1, null, 1_000);
    metrics.record("GET", "/orders", -7, null, 1_000);

    assertThat(timer("GET", "/orders", "200", "SUCCESS", "none").count()).isEqualTo(1);
    assertThat(timer("GET", "/orders", "404", "CLIENT_ERROR", "none").count()).isEqualTo(1);
    assertThat(timer("GET", "/orders", "500", "SERVER_ERROR", "IllegalStateException").count())
        .isEqualTo(1);
    assertThat(timer("GET", "/orders", "500", "SERVER_ERROR", "IllegalArgumentException").count())
        .isEqualTo(1);
    assertThat(timer("GET", "/orders", "UNKNOWN", "UNKNOWN", "none").count()).isEqualTo(2);
    assertThat(registry.find("http.server.requests").timers()).hasSize(5);
  }

  @Test
  void foldsNonStandardMethodsSoClientsCannotInventSeries() {
    metrics.record("BREW", "/coffee", 418, null, 1_000);
    metrics.record("PROPFIND", "/coffee", 418, null, 1_000);

    assertThat(timer("UNKNOWN", "/coffee", "418", "CLIENT_ERROR", "none").count()).isEqualTo(2);
  }

  @Test
  void foldsUrisBeyondTheCapIntoOtherButKeepsCountingKnownOnes() {
    for (int i = 0; i < HttpServerRequestMetrics.MAX_URIS; i++) {
      metrics.record("GET", "/route" + i, 200, null, 1_000);
    }
    metrics.record("GET", "/one-too-many", 200, null, 1_000);
    metrics.record("GET", "/another-one", 200, null, 1_000);
    metrics.record("GET", "/route0", 200, null, 1_000);

    assertThat(timer("GET", "OTHER", "200", "SUCCESS", "none").count()).isEqualTo(2);
    assertThat(timer("GET", "/route0", "200", "SUCCESS", "none").count()).isEqualTo(2);
    assertThat(registry.find("http.server.requests").tag("uri", "/one-too-many").timer())
        .isNull();
  }

  @Test
  void keepsAFailureApartFromEarlierSuccessesOfTheSameRouteAndStatus() {
    metrics.record("GET", "/orders", 500, null, 1_000);
    metrics.record("GET", "/orders", 500, null, 1_000);
    metrics.record("GET", "/orders", 500, new IllegalStateException(), 1_000);
    metrics.record("GET", "/orders", 500, null, 1_000);

    assertThat(timer("GET", "/orders", "500", "SERVER_ERROR", "none").count()).isEqualTo(3);
    assertThat(timer("GET", "/orders", "500", "SERVER_ERROR", "IllegalStateException").count())
        .isEqualTo(1);
  }

  @Test
  void foldsANonStandardMethodOnARouteAlreadySeenWithAStandardOne() {
    metrics.record("GET", "/coffee", 200, null, 1_000);
    metrics.record("BREW", "/coffee", 200, null, 1_000);
    metrics.record("GET", "/coffee", 200, null, 1_000);

    assertThat(timer("GET", "/coffee", "200", "SUCCESS", "none").count()).isEqualTo(2);
    assertThat(timer("UNKNOWN", "/coffee", "200", "SUCCESS", "none").count()).isEqualTo(1);
  }

  @ParameterizedTest(name = "status {0} is {1}")
  @CsvSource({
    "101, INFORMATIONAL",
    "200, SUCCESS",
    "204, SUCCESS",
    "302, REDIRECTION",
    "404, CLIENT_ERROR",
    "503, SERVER_ERROR",
    "-1, UNKNOWN",
    "600, UNKNOWN"
  })
  void classifiesStatusesIntoSpringsOutcomes(int status, String outcome) {
    assertThat(HttpServerRequestMetrics.outcome(status)).isEqualTo(outcome);
  }
}
