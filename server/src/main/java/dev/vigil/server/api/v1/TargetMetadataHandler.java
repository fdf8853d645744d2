package dev.vigil.server.api.v1;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.promql.parser.ParseException;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import dev.vigil.server.scrape.MetricMetadata;
import dev.vigil.server.scrape.TargetMetadata;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/targets/metadata}: metric metadata per target, filtered by {@code
 * match_target} (a selector over target labels) and {@code metric}, capped at {@code limit}
 * targets' worth of entries as Prometheus counts them.
 */
final class TargetMetadataHandler implements ApiEndpoint {

  private final PromqlParser parser = new PromqlParser(ParserOptions.SERVER_DEFAULT);
  private final Supplier<List<TargetMetadata>> targets;

  TargetMetadataHandler(Supplier<List<TargetMetadata>> targets) {
    this.targets = targets;
  }

  /** One row of the answer. */
  private record Row(TargetMetadata target, String family, MetricMetadata metadata) {}

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    String limitParam = request.param("limit");
    int limit = -1;
    if (limitParam != null && !limitParam.isEmpty()) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        throw new ApiException(ApiErrorType.BAD_DATA, "limit must be a number");
      }
    }
    String matchTarget = request.param("match_target");
    List<LabelMatcher> matchers = List.of();
    if (matchTarget != null && !matchTarget.isEmpty()) {
      try {
        matchers = parser.parseMetricSelector(matchTarget);
      } catch (ParseException e) {
        throw ApiException.invalidParameter("match_target", e.getMessage());
      }
    }
    String metric = request.param("metric");
    boolean allMetrics = metric == null || metric.isEmpty();
    List<Row> rows = new ArrayList<>();
    for (TargetMetadata t : targets.get()) {
      // Like Prometheus, the limit is checked per target, so one target may overshoot it.
      if (limit >= 0 && rows.size() >= limit) {
        break;
      }
      if (!matchers.stream().allMatch(m -> m.matches(t.targetLabels()))) {
        continue;
      }
      if (allMetrics) {
        for (String family : MetadataHandler.names(t.families())) {
          rows.add(new Row(t, family, t.families().get(family)));
        }
      } else if (t.families().containsKey(metric)) {
        rows.add(new Row(t, null, t.families().get(metric)));
      }
    }
    return ApiJson.success(
        g -> {
          g.writeStartArray();
          for (Row r : rows) {
            g.writeStartObject();
            g.writeFieldName("target");
            ApiJson.writeLabels(g, r.target().targetLabels());
            if (r.family() != null) {
              g.writeStringField("metric", r.family());
            }
            MetadataHandler.writeFields(g, r.metadata());
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }
}
