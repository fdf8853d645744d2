package dev.vigil.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import dev.vigil.server.scrape.TargetHealth;
import dev.vigil.server.scrape.TargetStatus;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.memory.MemoryStorage;
import dev.vigil.server.telemetry.BuildInfo;
import dev.vigil.server.telemetry.TelemetryRegistry;
import dev.vigil.server.testing.MutableClock;
import dev.vigil.server.web.WebServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

  private final TelemetryRegistry registry = new TelemetryRegistry();
  private final MemoryStorage storage = new MemoryStorage(registry);
  private final MutableClock clock = new MutableClock(NOW);
  private final List<TargetStatus> targets = new CopyOnWriteArrayList<>();
  private final WebServer web = new WebServer(new InetSocketAddress("127.0.0.1", 0), registry);
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    ApiV1.routes(storage, () -> targets, new BuildInfo("1.2.3", "abc", "main", "17.0.1"), clock)
        .forEach(web::route);
    web.start();
    web.markReady();
  }

  @AfterEach
  void stop() {
    web.close();
    storage.close();
  }

  private void add(Labels labels, long t, double v) {
    Appender app = storage.appender();
    app.append(labels, t, v);
    app.commit();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + web.address().getPort() + pathAndQuery))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void answersAnInstantQueryInPrometheusEnvelope() throws Exception {
    add(Labels.of("__name__", "up", "job", "vigil", "instance", "localhost:9090"), NOW - 10_000, 1);
    add(Labels.of("__name__", "up", "job", "node", "instance", "h:9100"), NOW - 10_000, 0);

    HttpResponse<String> r = get("/api/v1/query?query=up");

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
    add(temp, 1_000_000, 21.5);
    add(temp, 1_060_000, 1e-7);

    assertThat(get("/api/v1/query?query=temp&time=1030").body())
        .contains("\"value\":[1030,\"21.5\"]");
    assertThat(get("/api/v1/query?query=temp&time=" + enc("1970-01-01T00:17:40.5Z")).body())
        .contains("\"value\":[1060.500,\"1e-07\"]");
  }

  @Test
  void acceptsFormEncodedPostsAsGrafanaSends() throws Exception {
    add(Labels.of("__name__", "up", "job", "a"), NOW, 1);

    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + web.address().getPort() + "/api/v1/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "query=" + enc("up{job=\"a\"}") + "&time=" + NOW / 1000.0))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"metric\":{\"__name__\":\"up\",\"job\":\"a\"}");
  }

  @Test
  void answersAnEmptyVectorAsAnEmptyArray() throws Exception {
    assertThat(get("/api/v1/query?query=nothing_here").body())
        .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
  }

  @Test
  void rejectsABadTimeWithBadData() throws Exception {
    HttpResponse<String> r = get("/api/v1/query?query=up&time=yesterday");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
                + " \\\"time\\\": cannot parse \\\"yesterday\\\" to a valid timestamp\"}");
  }

  @Test
  void rejectsABadQueryWithItsPosition() throws Exception {
    HttpResponse<String> r = get("/api/v1/query?query=" + enc("up{job=}"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
                + " \\\"query\\\": 1:8: parse error: unexpected \\\"}\\\" in label matching,"
                + " expected string\"}");
    assertThat(get("/api/v1/query").body())
        .contains(
            "invalid parameter \\\"query\\\": 1:1: parse error: no expression found in input");
  }

  @Test
  void refusesOtherMethods() throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + web.address().getPort() + "/api/v1/query?query=up"))
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(405);
  }

  @Test
  void reportsBuildInfoForGrafana() throws Exception {
    assertThat(get("/api/v1/status/buildinfo").body())
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

    assertThat(get("/api/v1/targets?scrapePool=node").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"activeTargets\":[{"
                + "\"discoveredLabels\":{\"__address__\":\"h:9100\",\"job\":\"node\"},"
                + "\"labels\":{\"instance\":\"h:9100\",\"job\":\"node\"},"
                + "\"scrapePool\":\"node\",\"scrapeUrl\":\"http://h:9100/metrics\",\"globalUrl\":\"http://h:9100/metrics\",\"lastError\":\"server"
                + " returned HTTP status 500\",\"lastScrape\":\"2015-07-01T20:10:51.781Z\","
                + "\"lastScrapeDuration\":1.5,\"health\":\"down\",\"scrapeInterval\":\"15s\",\"scrapeTimeout\":\"10s\"}],"
                + "\"droppedTargets\":[],\"droppedTargetCounts\":{\"node\":0,\"vigil\":0}}}");
    assertThat(get("/api/v1/targets").body())
        .contains("\"lastScrape\":\"0001-01-01T00:00:00Z\"")
        .contains("\"health\":\"unknown\"");
    assertThat(get("/api/v1/targets?state=dropped").body()).contains("\"activeTargets\":[]");
    assertThat(get("/api/v1/targets?state=bogus").statusCode()).isEqualTo(400);
  }
}
