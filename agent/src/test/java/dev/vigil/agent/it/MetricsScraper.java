package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** Scrapes a forked JVM's agent endpoint, waiting for the agent to come up. */
final class MetricsScraper {

  private static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final Pattern ANYTHING = Pattern.compile("");

  private MetricsScraper() {}

  /** The body of the first successful {@code GET /metrics}; fails if the JVM dies first. */
  static String awaitMetrics(ForkedJvm jvm, int port) throws InterruptedException {
    return awaitMetricsMatching(jvm, port, ANYTHING);
  }

  /** The first {@code GET /metrics} body in which {@code pattern} is found. */
  static String awaitMetricsMatching(ForkedJvm jvm, int port, Pattern pattern)
      throws InterruptedException {
    return awaitMetricsMatching(jvm, port, pattern, () -> {});
  }

  /** An action the app is asked to repeat before each attempt (for asynchronous effects). */
  interface Nudge {
    void run() throws IOException;
  }

  /**
   * Like {@link #awaitMetricsMatching(ForkedJvm, int, Pattern)}, running {@code nudge} before
   * each attempt; a failure message quotes the scraped lines sharing the pattern's metric name.
   */
  static String awaitMetricsMatching(ForkedJvm jvm, int port, Pattern pattern, Nudge nudge)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    Instant deadline = Instant.now().plus(ForkedJvm.DEADLINE);
    String lastProblem = "no attempt";
    while (Instant.now().isBefore(deadline)) {
      if (!jvm.isAlive()) {
        fail("the JVM exited before its metrics endpoint answered; %s", jvm.describe());
      }
      try {
        nudge.run();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && pattern.matcher(response.body()).find()) {
          return response.body();
        }
        lastProblem =
            "status " + response.statusCode() + ", no match for " + pattern + " in:\n"
                + related(response.body(), pattern);
      } catch (IOException notUpYet) {
        lastProblem = notUpYet.toString();
      }
      ForkedJvm.pause();
    }
    return fail(
        "no metrics on port %d within %s (%s); %s",
        port, ForkedJvm.DEADLINE, lastProblem, jvm.describe());
  }

  private static String related(String body, Pattern pattern) {
    String name = pattern.pattern().split("[^a-z_]", 2)[0];
    StringBuilder sb = new StringBuilder();
    for (String line : body.split("\n")) {
      if (!name.isEmpty() && line.startsWith(name)) {
        sb.append(line).append('\n');
      }
    }
    return sb.length() == 0 ? "(no " + name + " lines)" : sb.toString();
  }
}
