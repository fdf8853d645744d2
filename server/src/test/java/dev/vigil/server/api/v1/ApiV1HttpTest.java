package dev.vigil.server.api.v1;

import static dev.vigil.server.api.v1.ApiHttpFixture.assertBadData;
import static dev.vigil.server.api.v1.ApiHttpFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import dev.vigil.server.scrape.TargetHealth;
import dev.vigil.server.scrape.TargetStatus;
import dev.vigil.server.telemetry.BuildInfo;
import dev.vigil.server.testing.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API over real HTTP: a WebServer on a free port, queried with the JDK's HttpClient. */
class ApiV1HttpTest {

  private static final long NOW = 1_435_781_451_781L;

  private final ApiHttpFixture http = new ApiHttpFixture();
  private final MutableClock clock = new MutableClock(NOW);
  private final List<TargetStatus> targets = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    http.start(ApiV1.routes(
        http.storage(), () -> targets, new BuildInfo("1.2.3", "abc", "main", "17.0.1"), clock));
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void answersAnInstantQueryInPrometheusEnvelope() throws Exception {
    http.add(Labels.of("__name__", "up", "job", "vigil", "instance", "localhost:9090"), NOW - 10_000, 1);
    http.add(Labels.of("__name__", "up", "job", "node", "instance", "h:9100"), NOW - 10_000, 0);

    HttpResponse<String> r = http.get("/api/v1/query?query=up");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"h:9100\",\"job\":\"node\"},\"value\":[1435781451.781,\"0\"]},"
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"localhost:9090\",\"job\":\"vigil\"},\"value\":[1435781451.781,\"1\"]}"
                + "]}}");
  }

  @Test
  void evaluatesAtTheRequestedTimeInEitherFormat() throws Exception {
    Labels temp = Labels.of("__name__", "temp");
    http.add(temp, 1_000_000, 21.5);
    http.add(temp, 1_060_000, 1e-7);

    assertThat(http.get("/api/v1/query?query=temp&time=1030").body())
        .contains("\"value\":[1030,\"21.5\"]");
    assertThat(http.get("/api/v1/query?query=temp&time=" + enc("1970-01-01T00:17:40.5Z")).body())
        .contains("\"value\":[1060.500,\"1e-07\"]");
  }

  @Test
  void acceptsFormEncodedPostsAsGrafanaSends() throws Exception {
    http.add(Labels.of("__name__", "up", "job", "a"), NOW, 1);

    HttpResponse<String> r =
        http.post("/api/v1/query", "query=" + enc("up{job=\"a\"}") + "&time=" + NOW / 1000.0);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"metric\":{\"__name__\":\"up\",\"job\":\"a\"}");
  }

  @Test
  void answersAnEmptyVectorAsAnEmptyArray() throws Exception {
    assertThat(http.get("/api/v1/query?query=nothing_here").body())
        .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
  }

  @Test
  void rejectsABadTimeWithBadData() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/query?query=up&time=yesterday");

    assertBadData(r, "invalid parameter"
        + " \\\"time\\\": cannot parse \\\"yesterday\\\" to a valid timestamp");
  }

  @Test
  void rejectsABadQueryWithItsPosition() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/query?query=" + enc("up{job=}"));

    assertBadData(r, "invalid parameter"
        + " \\\"query\\\": 1:8: parse error: unexpected \\\"}\\\" in label matching,"
        + " expected string");
    assertThat(http.get("/api/v1/query").body())
        .contains(
            "invalid parameter \\\"query\\\": 1:1: parse error: no expression found in input");
  }

  @Test
  void refusesOtherMethods() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(http.uri("/api/v1/query?query=up")).DELETE());

    assertThat(r.statusCode()).isEqualTo(405);
  }

  @Test
  void reportsBuildInfoForGrafana() throws Exception {
    assertThat(http.get("/api/v1/status/buildinfo").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"version\":\"3.0.0+vigil.1.2.3\",\"revision\":\"abc\",\"branch\":\"main\","
                + "\"buildUser\":\"unknown\",\"buildDate\":\"unknown\",\"goVersion\":\"java17.0.1\"}}");
  }

  @Test
  void listsTargetsWithTheirHealth() throws Exception {
    targets.add(
        new TargetStatus(
            "node",
            Labels.of("instance", "h:9100", "job", "node"),
            Labels.of("__address__", "h:9100", "job", "node"),
            "http://h:9100/metrics",
            TargetHealth.DOWN,
            "server returned HTTP status 500",
            Instant.parse("2015-07-01T20:10:51.781Z"),
            Duration.ofMillis(1500),
            Duration.ofSeconds(15),
            Duration.ofSeconds(10)));
    targets.add(
        new TargetStatus(
            "vigil",
            Labels.of("instance", "localhost:9090", "job", "vigil"),
            Labels.of("__address__", "localhost:9090", "job", "vigil"),
            "http://localhost:9090/metrics",
            TargetHealth.UNKNOWN,
            "",
            null,
            Duration.ZERO,
            Duration.ofMinutes(1),
            Duration.ofSeconds(10)));

    assertThat(http.get("/api/v1/targets?scrapePool=node").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"activeTargets\":[{"
                + "\"discoveredLabels\":{\"__address__\":\"h:9100\",\"job\":\"node\"},"
                + "\"labels\":{\"instance\":\"h:9100\",\"job\":\"node\"},"
                + "\"scrapePool\":\"node\",\"scrapeUrl\":\"http://h:9100/metrics\",\"globalUrl\":\"http://h:9100/metrics\",\"lastError\":\"server"
                + " returned HTTP status 500\",\"lastScrape\":\"2015-07-01T20:10:51.781Z\","
                + "\"lastScrapeDuration\":1.5,\"health\":\"down\",\"scrapeInterval\":\"15s\",\"scrapeTimeout\":\"10s\"}],"
                + "\"droppedTargets\":[],\"droppedTargetCounts\":{\"node\":0,\"vigil\":0}}}");
    assertThat(http.get("/api/v1/targets").body())
        .contains("\"lastScrape\":\"0001-01-01T00:00:00Z\"")
        .contains("\"health\":\"unknown\"");
    assertThat(http.get("/api/v1/targets?state=dropped").body()).contains("\"activeTargets\":[]");
    assertThat(http.get("/api/v1/targets?state=bogus").statusCode()).isEqualTo(400);
  }
}
