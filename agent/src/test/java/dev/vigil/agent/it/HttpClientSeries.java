package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectations every HTTP client IT shares: its fixture app calls {@code LocalHttpServer} on
 * 127.0.0.1, so each series has {@code client_name="127.0.0.1"} and {@code uri="none"}, and a run
 * must leave exactly the series the test names (a per-path {@code uri} would add more).
 */
final class HttpClientSeries {

  static final String COUNT = "http_client_requests_seconds_count";

  private HttpClientSeries() {}

  /** The count line of one series, labels in the exposition's (alphabetical) order. */
  static String count(
      String application,
      String method,
      String status,
      String outcome,
      String exception,
      int count) {
    return COUNT
        + "{application=\""
        + application
        + "\",client_name=\"127.0.0.1\",exception=\""
        + exception
        + "\",method=\""
        + method
        + "\",outcome=\""
        + outcome
        + "\",status=\""
        + status
        + "\",uri=\"none\"} "
        + count;
  }

  /** A series of answered requests ({@code exception="none"}). */
  static String answered(String application, String method, int status, String outcome, int count) {
    return count(application, method, String.valueOf(status), outcome, "none", count);
  }

  /** A series of requests that got no response because {@code exception} was thrown. */
  static String failed(String application, String method, String exception, int count) {
    return count(application, method, "IO_ERROR", "UNKNOWN", exception, count);
  }

  /**
   * Waits until a scrape has {@code first}, then asserts that the client series are exactly {@code
   * first} and {@code others} and that the agent instrumented every class it tried to.
   */
  static void assertExactly(InstrumentedApp app, String first, String... others)
      throws InterruptedException {
    String metrics = app.awaitMetricsContaining(first);
    assertThat(InstrumentedApp.samples(metrics, COUNT))
        .containsExactlyInAnyOrder(concat(first, others));
    assertThat(app.agentLines()).noneMatch(line -> line.contains("could not instrument"));
  }

  /** Asserts that the app serves metrics but has no client series at all. */
  static void assertNone(InstrumentedApp app, String application) throws InterruptedException {
    assertThat(app.metrics())
        .contains("jvm_threads_live_threads{application=\"" + application + "\"}")
        .doesNotContain("http_client_requests");
  }

  private static String[] concat(String first, String[] others) {
    String[] all = new String[others.length + 1];
    all[0] = first;
    System.arraycopy(others, 0, all, 1, others.length);
    return all;
  }
}
