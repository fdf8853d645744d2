package dev.vigil.server.api.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.server.promql.engine.QueryResult;
import dev.vigil.server.promql.engine.QueryStats;
import dev.vigil.server.promql.value.Matrix;
import dev.vigil.server.promql.value.Point;
import dev.vigil.server.promql.value.RangeSeries;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Scalar;
import dev.vigil.server.promql.value.StringValue;
import dev.vigil.server.promql.value.Vector;
import dev.vigil.server.web.WebResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Writes a query result as Prometheus's {@code data} object plus warnings and infos. */
final class QueryResponses {

  private QueryResponses() {}

  static WebResponse write(QueryResult result, long time) {
    return write(result, time, null);
  }

  /**
   * The result, with Prometheus's {@code stats} object in {@code data} when the {@code stats}
   * parameter is set. Values other than {@code true} and {@code all} still enable statistics but
   * add Prometheus's deprecation warning. Per-step statistics need a Prometheus feature flag we
   * do not have, so {@code all} reports the same as {@code true}.
   */
  static WebResponse write(QueryResult result, long time, String statsParam) {
    boolean withStats = statsParam != null && !statsParam.isEmpty();
    List<String> warnings = new ArrayList<>(result.warnings());
    if (withStats && !statsParam.equals("true") && !statsParam.equals("all")) {
      warnings.add(
          "value \"" + statsParam + "\" for parameter \"stats\" is deprecated and will be"
              + " rejected in the next major release, use \"true\" or \"all\"");
    }
    return ApiJson.success(
        g -> {
          g.writeStartObject();
          g.writeStringField("resultType", result.value().typeName());
          g.writeFieldName("result");
          var value = result.value();
          if (value instanceof Scalar s) {
            ApiJson.writeSamplePair(g, time, s.value());
          } else if (value instanceof StringValue s) {
            g.writeStartArray();
            g.writeNumber(ApiValues.timestamp(time));
            g.writeString(s.value());
            g.writeEndArray();
          } else if (value instanceof Vector v) {
            writeVector(g, v);
          } else {
            writeMatrix(g, (Matrix) value);
          }
          if (withStats) {
            writeStats(g, result.stats());
          }
          g.writeEndObject();
        },
        warnings,
        result.infos());
  }

  private static void writeStats(JsonGenerator g, QueryStats stats) throws IOException {
    double seconds = stats.evalTime().toNanos() / 1e9;
    g.writeObjectFieldStart("stats");
    g.writeObjectFieldStart("timings");
    g.writeNumberField("evalTotalTime", seconds);
    g.writeNumberField("resultSortTime", 0);
    g.writeNumberField("queryPreparationTime", 0);
    g.writeNumberField("innerEvalTime", seconds);
    g.writeNumberField("execQueueTime", 0);
    g.writeNumberField("execTotalTime", seconds);
    g.writeEndObject();
    g.writeObjectFieldStart("samples");
    g.writeNumberField("totalQueryableSamples", stats.totalQueryableSamples());
    g.writeNumberField("samplesRead", stats.samplesRead());
    g.writeNumberField("peakSamples", stats.peakSamples());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeVector(JsonGenerator g, Vector v) throws IOException {
    g.writeStartArray();
    for (Sample s : v.samples()) {
      g.writeStartObject();
      g.writeFieldName("metric");
      ApiJson.writeLabels(g, s.labels());
      g.writeFieldName("value");
      ApiJson.writeSamplePair(g, s.timestamp(), s.value());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeMatrix(JsonGenerator g, Matrix m) throws IOException {
    g.writeStartArray();
    for (RangeSeries s : m.series()) {
      g.writeStartObject();
      g.writeFieldName("metric");
      ApiJson.writeLabels(g, s.labels());
      g.writeArrayFieldStart("values");
      for (Point p : s.points()) {
        ApiJson.writeSamplePair(g, p.timestamp(), p.value());
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

}
