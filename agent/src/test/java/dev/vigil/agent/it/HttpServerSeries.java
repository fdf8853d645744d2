package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * The expectations of the HTTP server ITs built on {@link InstrumentedApp}: count lines of {@code
 * http_server_requests_seconds}, and a run that must leave exactly the series the test names (a raw
 * request path in {@code uri} would add more).
 */
final class HttpServerSeries {

  static final String COUNT = "http_server_requests_seconds_count";

  private HttpServerSeries() {}

  /** The count line of one series, labels in the exposition's (alphabetical) order. */
  static String count(
      String application,
      String method,
      int status,
      String outcome,
      String exception,
      String uri,
      int count) {
    return COUNT
        + "{application=\""
        + application
        + "\",exception=\""
        + exception
        + "\",method=\""
        + method
        + "\",outcome=\""
        + outcome
        + "\",status=\""
        + status
        + "\",uri=\""
        + uri
        + "\"} "
        + count;
  }

  /** A series of {@code GET} requests answered without an exception escaping the handler. */
  static String get(String application, int status, String outcome, String uri, int count) {
    return count(application, "GET", status, outcome, "none", uri, count);
  }

  /**
   * Waits until a scrape has {@code first}, then asserts that the server series are exactly {@code
   * first} and {@code others} and that the agent instrumented every class it tried to.
   */
  static void assertExactly(InstrumentedApp app, String first, String... others)
      throws InterruptedException {
    String metrics = app.awaitMetricsContaining(first);
    List<String> expected = new ArrayList<>(List.of(others));
    expected.add(0, first);
    assertThat(InstrumentedApp.samples(metrics, COUNT))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(app.agentLines()).noneMatch(line -> line.contains("could not instrument"));
  }
}
