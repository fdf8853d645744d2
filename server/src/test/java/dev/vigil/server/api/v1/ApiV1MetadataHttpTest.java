package dev.vigil.server.api.v1;

import static dev.vigil.server.api.v1.ApiHttpFixture.assertBadData;
import static dev.vigil.server.api.v1.ApiHttpFixture.badData;
import static dev.vigil.server.api.v1.ApiHttpFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.config.ConfigException;
import dev.vigil.server.model.Labels;
import dev.vigil.server.scrape.MetricMetadata;
import dev.vigil.server.scrape.TargetMetadata;
import dev.vigil.server.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The discovery, metadata and status endpoints over real HTTP, compared with the JSON Prometheus
 * answers for the same data.
 */
class ApiV1MetadataHttpTest {

  private static final long T0 = 1_700_000_000_000L;

  private final ApiHttpFixture http = new ApiHttpFixture();
  private final List<TargetMetadata> metadata = new CopyOnWriteArrayList<>();

  /** A fixed server state: these tests are about the API, not about reloading. */
  private final ServerState state =
      new ServerState() {
        @Override
        public String configYaml() {
          return "global:\n  scrape_interval: 15s\n";
        }

        @Override
        public Map<String, String> flags() {
          return Map.of("web.listen-address", "0.0.0.0:9090", "config.file", "prometheus.yml");
        }

        @Override
        public Instant startTime() {
          return Instant.ofEpochMilli(T0);
        }

        @Override
        public Instant lastConfigTime() {
          return Instant.ofEpochMilli(T0 + 1);
        }

        @Override
        public boolean reloadConfigSuccess() {
          return true;
        }

        @Override
        public boolean lifecycleEnabled() {
          return false;
        }

        @Override
        public void reload() throws ConfigException {
          throw new AssertionError("not called: lifecycle is disabled");
        }
      };

  @BeforeEach
  void start() throws Exception {
    http.start(ApiV1Metadata.routes(
        http.storage(), () -> metadata, state, new MutableClock(T0 + 60_000)));
    http.add(Labels.of("__name__", "up", "job", "node", "instance", "a:9100"), T0, 1);
    http.add(Labels.of("__name__", "up", "job", "vigil", "instance", "b:9090"), T0 + 30_000, 1);
    http.add(Labels.of("__name__", "http_requests_total", "job", "vigil", "method", "GET"), T0, 7);
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void labelsListsEveryLabelNameSorted() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/labels");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\",\"method\"]}");
  }

  @Test
  void labelsUnionsSeveralMatchSelectorsOverPost() throws Exception {
    String form =
        "match[]=" + enc("up{job=\"node\"}") + "&match[]=" + enc("http_requests_total");

    assertThat(http.post("/api/v1/labels", form).body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\",\"method\"]}");
    assertThat(http.get("/api/v1/labels?match[]=" + enc("up")).body())
        .isEqualTo("{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\"]}");
  }

  @Test
  void labelsLimitTruncatesAndWarns() throws Exception {
    assertThat(http.get("/api/v1/labels?limit=2").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":[\"__name__\",\"instance\"],"
                + "\"warnings\":[\"results truncated due to limit\"]}");
    assertThat(http.get("/api/v1/labels?limit=4").body()).doesNotContain("warnings");
  }

  @Test
  void labelValuesAreSortedAndRestrictedToTheTimeRange() throws Exception {
    assertThat(http.get("/api/v1/label/job/values").body())
        .isEqualTo("{\"status\":\"success\",\"data\":[\"node\",\"vigil\"]}");
    // Only the vigil "up" sample lies after T0 + 10s.
    String start = Long.toString((T0 + 10_000) / 1000);
    assertThat(http.get("/api/v1/label/instance/values?start=" + start).body())
        .isEqualTo("{\"status\":\"success\",\"data\":[\"b:9090\"]}");
    assertThat(http.get("/api/v1/label/job/values?end=2023-11-14T22:13:20Z").body())
        .isEqualTo("{\"status\":\"success\",\"data\":[\"node\",\"vigil\"]}");
  }

  @Test
  void labelValuesOfAnUnknownLabelIsAnEmptyArray() throws Exception {
    assertThat(http.get("/api/v1/label/nope/values").body())
        .isEqualTo("{\"status\":\"success\",\"data\":[]}");
  }

  @Test
  void labelValuesAcceptsNamesInPrometheus3EscapedForm() throws Exception {
    // Storage refuses non-legacy names today, so escape legacy ones: "_6f_" is 'o', "__" is '_'.
    http.add(Labels.of("__name__", "up", "host_name", "alpha"), T0, 1);

    assertThat(http.get("/api/v1/label/U__j_6f_b/values").body())
        .isEqualTo("{\"status\":\"success\",\"data\":[\"node\",\"vigil\"]}");
    assertThat(http.get("/api/v1/label/U__host__name/values").body())
        .isEqualTo("{\"status\":\"success\",\"data\":[\"alpha\"]}");
  }

  @Test
  void labelValuesRejectsANameThatIsNotUtf8() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/label/%FF/values");

    assertBadData(r, "invalid label name: \\\"%FF\\\"");
  }

  @Test
  void seriesAnswersMatchingLabelSetsInLabelOrder() throws Exception {
    HttpResponse<String> r = http.post("/api/v1/series", "match[]=" + enc("{job=\"vigil\"}"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":["
                + "{\"__name__\":\"http_requests_total\",\"job\":\"vigil\",\"method\":\"GET\"},"
                + "{\"__name__\":\"up\",\"instance\":\"b:9090\",\"job\":\"vigil\"}]}");
  }

  @Test
  void seriesDeduplicatesOverlappingSelectorsAndHonoursLimit() throws Exception {
    String q = "match[]=" + enc("up") + "&match[]=" + enc("{job=\"node\"}") + "&limit=1";

    assertThat(http.get("/api/v1/series?" + q).body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":["
                + "{\"__name__\":\"up\",\"instance\":\"a:9100\",\"job\":\"node\"}],"
                + "\"warnings\":[\"results truncated due to limit\"]}");
  }

  @Test
  void seriesWithoutMatchIsBadData() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/series");

    assertBadData(r, "no match[] parameter provided");
  }

  @Test
  void matchThatMatchesEverythingIsRefused() throws Exception {
    HttpResponse<String> series = http.get("/api/v1/series?match[]=" + enc("{job=~\".*\"}"));
    HttpResponse<String> labels = http.get("/api/v1/labels?match[]=" + enc("{job=~\".*\"}"));

    assertBadData(series,
        "invalid parameter \\\"match[]\\\": match[] must contain at least one non-empty"
        + " matcher");
    // Prometheus words the same problem without the parameter prefix on /labels.
    assertThat(labels.body())
        .isEqualTo(badData("match[] must contain at least one non-empty matcher"));
  }

  @Test
  void unparsableMatchIsBadDataWithTheParserPosition() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/series?match[]=" + enc("up{"));

    assertBadData(r, "invalid parameter \\\"match[]\\\": 1:4: parse error: unexpected end of input"
        + " inside braces");
  }

  @Test
  void badTimeIsBadDataNamingTheParameter() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/labels?start=yesterday");

    assertBadData(r, "invalid parameter \\\"start\\\": invalid time value for 'start': cannot parse"
        + " \\\"yesterday\\\" to a valid timestamp");
    assertThat(http.get("/api/v1/series?match[]=up&end=x").body())
        .contains("invalid time value for 'end'");
  }

  @Test
  void prometheusOpenRangeBoundsAreAcceptedAsTimes() throws Exception {
    String q =
        "?start="
            + enc(ApiParams.MIN_TIME_FORMATTED)
            + "&end="
            + enc(ApiParams.MAX_TIME_FORMATTED);

    assertThat(http.get("/api/v1/label/job/values" + q).body())
        .isEqualTo("{\"status\":\"success\",\"data\":[\"node\",\"vigil\"]}");
  }

  @Test
  void badLimitIsBadData() throws Exception {
    assertThat(http.get("/api/v1/labels?limit=-1").body())
        .isEqualTo(badData("invalid parameter \\\"limit\\\": limit must be non-negative"));
    assertThat(http.get("/api/v1/series?match[]=up&limit=ten").body())
        .isEqualTo(
            badData(
                "invalid parameter \\\"limit\\\": strconv.Atoi: parsing \\\"ten\\\": invalid"
                    + " syntax"));
  }

  @Test
  void formatQueryPrettyPrints() throws Exception {
    HttpResponse<String> r =
        http.post("/api/v1/format_query", "query=" + enc("sum(rate(foo{job=\"a\"}[5m]))by(job)"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":\"sum by (job) (rate(foo{job=\\\"a\\\"}[5m]))\"}");
  }

  @Test
  void formatQueryReportsParseErrorsAsBadQueryParameter() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/format_query?query=" + enc("sum("));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\","
        + "\"error\":\"invalid parameter \\\"query\\\": 1:");
  }

  @Test
  void parseQueryAnswersTheSyntaxTreeForGetAndPost() throws Exception {
    String expected =
        "{\"status\":\"success\",\"data\":{\"type\":\"numberLiteral\",\"val\":\"2\"}}";
    assertThat(http.get("/api/v1/parse_query?query=" + enc("2")).body()).isEqualTo(expected);
    HttpResponse<String> post = http.post("/api/v1/parse_query", "query=" + enc("sum(up)"));
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.body()).startsWith("{\"status\":\"success\",\"data\":{\"expr\":{");
    assertThat(post.body()).contains("\"op\":\"sum\"", "\"type\":\"aggregation\"");
  }

  @Test
  void parseQueryReportsParseErrorsWithTheirPosition() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/parse_query?query=" + enc("sum(up"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
                + " \\\"query\\\": 1:7: parse error: unclosed left parenthesis\"}");
  }

  @Test
  void rulesAlertsAndExemplarsAreEmptyInPrometheusShape() throws Exception {
    assertThat(http.get("/api/v1/rules").body())
        .isEqualTo("{\"status\":\"success\",\"data\":{\"groups\":[]}}");
    assertThat(http.get("/api/v1/alerts").body())
        .isEqualTo("{\"status\":\"success\",\"data\":{\"alerts\":[]}}");
    assertThat(http.post("/api/v1/query_exemplars", "query=up&start=1&end=2").body())
        .isEqualTo("{\"status\":\"success\",\"data\":[]}");
    assertThat(http.get("/api/v1/query_exemplars?query=up&start=2&end=1").body())
        .isEqualTo(badData("end timestamp must not be before start timestamp"));
  }

  @Test
  void metadataMergesTargetsPerFamily() throws Exception {
    metadata.add(
        new TargetMetadata(
            "node",
            Labels.of("job", "node", "instance", "a:9100"),
            Map.of(
                "up_seconds", new MetricMetadata("gauge", "Uptime."),
                "requests_total", new MetricMetadata("counter", "Requests."))));
    metadata.add(
        new TargetMetadata(
            "vigil",
            Labels.of("job", "vigil", "instance", "b:9090"),
            Map.of(
                "requests_total", new MetricMetadata("counter", "Requests."),
                "odd", new MetricMetadata("", "Only help."))));

    assertThat(http.get("/api/v1/metadata").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{"
                + "\"odd\":[{\"type\":\"unknown\",\"help\":\"Only help.\",\"unit\":\"\"}],"
                + "\"requests_total\":[{\"type\":\"counter\",\"help\":\"Requests.\",\"unit\":\"\"}],"
                + "\"up_seconds\":[{\"type\":\"gauge\",\"help\":\"Uptime.\",\"unit\":\"\"}]}}");
    assertThat(http.get("/api/v1/metadata?metric=up_seconds&limit=1").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{"
                + "\"up_seconds\":[{\"type\":\"gauge\",\"help\":\"Uptime.\",\"unit\":\"\"}]}}");
    assertThat(http.get("/api/v1/metadata?limit=x").body()).isEqualTo(badData("limit must be a number"));
    assertThat(http.get("/api/v1/targets/metadata?match_target=" + enc("{job=\"vigil\"}")).body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":["
                + "{\"target\":{\"instance\":\"b:9090\",\"job\":\"vigil\"},\"metric\":\"odd\","
                + "\"type\":\"unknown\",\"help\":\"Only help.\",\"unit\":\"\"},"
                + "{\"target\":{\"instance\":\"b:9090\",\"job\":\"vigil\"},"
                + "\"metric\":\"requests_total\",\"type\":\"counter\",\"help\":\"Requests.\","
                + "\"unit\":\"\"}]}");
    assertThat(http.get("/api/v1/targets/metadata?metric=up_seconds").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":["
                + "{\"target\":{\"instance\":\"a:9100\",\"job\":\"node\"},"
                + "\"type\":\"gauge\",\"help\":\"Uptime.\",\"unit\":\"\"}]}");
  }

  @Test
  void tsdbStatusCountsSeriesAndLabels() throws Exception {
    assertThat(http.get("/api/v1/status/tsdb?limit=2").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"headStats\":{\"numSeries\":3,"
                + "\"numLabelPairs\":7,\"chunkCount\":0,\"minTime\":"
                + T0
                + ",\"maxTime\":"
                + (T0 + 30_000)
                + "},"
                + "\"seriesCountByMetricName\":[{\"name\":\"up\",\"value\":2},"
                + "{\"name\":\"http_requests_total\",\"value\":1}],"
                + "\"labelValueCountByLabelName\":[{\"name\":\"__name__\",\"value\":2},"
                + "{\"name\":\"instance\",\"value\":2}],"
                + "\"memoryInBytesByLabelName\":[{\"name\":\"__name__\",\"value\":21},"
                + "{\"name\":\"instance\",\"value\":12}],"
                + "\"seriesCountByLabelValuePair\":[{\"name\":\"__name__=up\",\"value\":2},"
                + "{\"name\":\"job=vigil\",\"value\":2}]}}");
    assertThat(http.get("/api/v1/status/tsdb?limit=0").body())
        .isEqualTo(badData("limit must be a positive number"));
  }

  @Test
  void statusPagesReportConfigFlagsAndRuntime() throws Exception {
    assertThat(http.get("/api/v1/status/config").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"yaml\":\"global:\\n  scrape_interval: 15s\\n\"}}");
    assertThat(http.get("/api/v1/status/flags").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"config.file\":\"prometheus.yml\","
                + "\"web.listen-address\":\"0.0.0.0:9090\"}}");
    assertThat(http.get("/api/v1/status/runtimeinfo").body())
        .startsWith(
            "{\"status\":\"success\",\"data\":{\"startTime\":\"2023-11-14T22:13:20Z\",\"CWD\":")
        .contains("\"serverTime\":\"2023-11-14T22:14:20Z\"")
        .contains("\"reloadConfigSuccess\":true,\"lastConfigTime\":\"2023-11-14T22:13:20.001Z\"")
        .contains("\"storageRetention\":\"15d\"");
  }

  @Test
  void reloadIsRefusedWithoutTheLifecycleFlag() throws Exception {
    assertThat(http.post("/-/reload", "").statusCode()).isEqualTo(403);
    assertThat(http.get("/-/reload").statusCode()).isEqualTo(405);
  }
}
