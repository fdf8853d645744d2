package dev.vigil.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.telemetry.BuildInfo;
import dev.vigil.server.testing.MutableClock;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PromQL query endpoints over real HTTP: result types, envelope, validation, statuses. */
class QueryApiHttpTest {

  private final ApiHttpFixture http = new ApiHttpFixture();

  @BeforeEach
  void start() throws Exception {
    http.start(ApiV1.routes(
        http.storage(), List::of, new BuildInfo("1", "r", "b", "17"), new MutableClock(600_000)));
    Appender app = http.storage().appender();
    for (int i = 0; i <= 10; i++) {
      app.append(Labels.of("__name__", "req_total", "job", "b"), i * 60_000L, i * 10.0);
      app.append(Labels.of("__name__", "req_total", "job", "a"), i * 60_000L, i * 60.0);
    }
    app.commit();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void answersARangeQueryAsAMatrixSortedByLabels() throws Exception {
    HttpResponse<String> r =
        http.get("/api/v1/query_range", "query", "sum by (job) (req_total)", "start", "120",
            "end", "240", "step", "1m");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"job\":\"a\"},\"values\":[[120,\"120\"],[180,\"180\"],[240,\"240\"]]},"
                + "{\"metric\":{\"job\":\"b\"},\"values\":[[120,\"20\"],[180,\"30\"],[240,\"40\"]]}"
                + "]}}");
  }

  @Test
  void acceptsFloatSecondsAsStep() throws Exception {
    assertThat(
            http.get("/api/v1/query_range", "query", "time()", "start", "0", "end", "1", "step", "0.5")
                .body())
        .contains("\"values\":[[0,\"0\"],[0.500,\"0.5\"],[1,\"1\"]]");
  }

  @Test
  void answersScalarsAndStrings() throws Exception {
    assertThat(http.get("/api/v1/query", "query", "1 + 2", "time", "10").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[10,\"3\"]}}");
    assertThat(http.get("/api/v1/query", "query", "\"hi\"", "time", "10").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[10,\"hi\"]}}");
  }

  @Test
  void putsWarningsAndInfosIntoTheEnvelope() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/query", "query", "quantile(2, req_total)", "time", "600");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .endsWith(
            "\"warnings\":[\"PromQL warning: quantile value should be between 0 and 1, got 2"
                + " (1:10)\"]}");
  }

  @Test
  void reportsEvaluationErrorsAs422() throws Exception {
    HttpResponse<String> r =
        http.get("/api/v1/query", "query", "req_total + ignoring(job) req_total", "time", "600");

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).startsWith("{\"status\":\"error\",\"errorType\":\"execution\",");
  }

  @Test
  void validatesRangeParametersWithPrometheusMessages() throws Exception {
    assertThat(
            http.get("/api/v1/query_range", "query", "up", "start", "10", "end", "5", "step", "1")
                .body())
        .contains("end timestamp must not be before start time");
    assertThat(
            http.get("/api/v1/query_range", "query", "up", "start", "0", "end", "5", "step", "0")
                .body())
        .contains("zero or negative query resolution step widths are not accepted");
    assertThat(
            http.get("/api/v1/query_range", "query", "up", "start", "0", "end", "11001", "step", "1")
                .body())
        .contains("exceeded maximum resolution of 11,000 points per timeseries");
    HttpResponse<String> bad =
        http.get("/api/v1/query_range", "query", "up", "start", "0", "end", "5", "step", "soon");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("invalid parameter \\\"step\\\": cannot parse \\\"soon\\\" to a valid duration");
  }

  @Test
  void rejectsRangeVectorRangeQueriesAsABadQueryParameter() throws Exception {
    HttpResponse<String> r =
        http.get("/api/v1/query_range", "query", "req_total[5m]", "start", "0", "end", "60", "step",
            "15");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains(
            "\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": invalid"
                + " expression type \\\"range vector\\\" for range query, must be Scalar or"
                + " instant Vector\"");
  }

  @Test
  void reportsSampleStatisticsInDataWhenAsked() throws Exception {
    String body =
        http.get("/api/v1/query", "query", "sum(req_total)", "time", "600", "stats", "true").body();

    // Two series selected, held with the one aggregated sample: peak 3.
    assertThat(body)
        .containsPattern(
            "\"stats\":\\{\"timings\":\\{\"evalTotalTime\":[0-9.eE-]+,\"resultSortTime\":0,"
                + "\"queryPreparationTime\":0,\"innerEvalTime\":[0-9.eE-]+,\"execQueueTime\":0,"
                + "\"execTotalTime\":[0-9.eE-]+},\"samples\":\\{\"totalQueryableSamples\":2,"
                + "\"samplesRead\":[0-9]+,\"peakSamples\":3}}}");
    assertThat(http.get("/api/v1/query", "query", "req_total", "time", "600").body())
        .doesNotContain("stats");
  }

  @Test
  void warnsAboutDeprecatedStatsValues() throws Exception {
    assertThat(http.get("/api/v1/query", "query", "1", "stats", "yes").body())
        .contains(
            "\"warnings\":[\"value \\\"yes\\\" for parameter \\\"stats\\\" is deprecated and"
                + " will be rejected in the next major release, use \\\"true\\\" or \\\"all\\\"\"]");
  }

  @Test
  void honoursTheLookbackDeltaParameter() throws Exception {
    // The last samples are at 600s; at 700s they are 100s old.
    assertThat(http.get("/api/v1/query", "query", "req_total", "time", "700").body())
        .contains("\"job\":\"a\"");
    assertThat(
            http.get("/api/v1/query", "query", "req_total", "time", "700", "lookback_delta", "1m")
                .body())
        .contains("\"result\":[]");
  }
}
