package dev.vigil.server.api.v1;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.server.model.Label;
import dev.vigil.server.model.Labels;
import dev.vigil.server.web.WebResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes Prometheus's response envelope with Jackson's streaming generator. */
final class ApiJson {

  /** Writes the value of {@code data}. */
  @FunctionalInterface
  interface DataWriter {
    void write(JsonGenerator g) throws IOException;
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  private ApiJson() {}

  /** {@code {"status":"success","data":...}} with HTTP 200. */
  static WebResponse success(DataWriter data) {
    return WebResponse.json(
        200,
        write(
            g -> {
              g.writeStartObject();
              g.writeStringField("status", "success");
              g.writeFieldName("data");
              data.write(g);
              g.writeEndObject();
            }));
  }

  /** A success envelope with the query's annotations, as Prometheus adds them when present. */
  static WebResponse success(DataWriter data, List<String> warnings, List<String> infos) {
    return WebResponse.json(
        200,
        write(
            g -> {
              g.writeStartObject();
              g.writeStringField("status", "success");
              g.writeFieldName("data");
              data.write(g);
              writeStrings(g, "warnings", warnings);
              writeStrings(g, "infos", infos);
              g.writeEndObject();
            }));
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    if (values.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** {@code {"status":"error","errorType":...,"error":...}} with the type's HTTP status. */
  static WebResponse error(ApiException e) {
    return WebResponse.json(
        e.type().httpStatus(),
        write(
            g -> {
              g.writeStartObject();
              g.writeStringField("status", "error");
              g.writeStringField("errorType", e.type().wireName());
              g.writeStringField("error", e.getMessage());
              g.writeEndObject();
            }));
  }

  /** A label set as a JSON object, in label order. */
  static void writeLabels(JsonGenerator g, Labels labels) throws IOException {
    g.writeStartObject();
    for (Label l : labels) {
      g.writeStringField(l.name(), l.value());
    }
    g.writeEndObject();
  }

  /** {@code [<seconds>, "<value>"]}. */
  static void writeSamplePair(JsonGenerator g, long timestamp, double value) throws IOException {
    g.writeStartArray();
    g.writeNumber(ApiValues.timestamp(timestamp));
    g.writeString(ApiValues.sampleValue(value));
    g.writeEndArray();
  }

  private static byte[] write(DataWriter body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
