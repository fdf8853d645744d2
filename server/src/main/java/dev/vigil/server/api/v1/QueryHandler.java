package dev.vigil.server.api.v1;

import dev.vigil.server.promql.InstantSample;
import dev.vigil.server.promql.InstantSelectorEvaluator;
import dev.vigil.server.promql.PromqlParseException;
import dev.vigil.server.promql.Selector;
import dev.vigil.server.promql.SelectorParser;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;
import java.time.Clock;
import java.util.List;

/**
 * {@code GET|POST /api/v1/query}: evaluates {@code query} at {@code time} (default: now) and
 * answers an instant vector. Today the query language is instant vector selectors only.
 */
final class QueryHandler implements ApiEndpoint {

  private final InstantSelectorEvaluator evaluator;
  private final Clock clock;

  QueryHandler(InstantSelectorEvaluator evaluator, Clock clock) {
    this.evaluator = evaluator;
    this.clock = clock;
  }

  @Override
  public boolean allowsPost() {
    return true;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    String timeParam = request.param("time");
    long t = timeParam == null ? clock.millis() : TimeParam.parse("time", timeParam);
    String query = request.param("query");
    Selector selector;
    try {
      selector = SelectorParser.parse(query == null ? "" : query);
    } catch (PromqlParseException e) {
      throw ApiException.invalidParameter("query", e.getMessage());
    }
    List<InstantSample> vector = evaluator.evaluate(selector, t);
    return ApiJson.success(
        g -> {
          g.writeStartObject();
          g.writeStringField("resultType", "vector");
          g.writeArrayFieldStart("result");
          for (InstantSample s : vector) {
            g.writeStartObject();
            g.writeFieldName("metric");
            ApiJson.writeLabels(g, s.labels());
            g.writeFieldName("value");
            ApiJson.writeSamplePair(g, s.timestamp(), s.value());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
