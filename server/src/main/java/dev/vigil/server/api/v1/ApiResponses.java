package dev.vigil.server.api.v1;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.server.web.WebResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Success envelopes that may carry {@code warnings}, e.g. {@code results truncated due to limit}.
 * The list is omitted when empty, as Prometheus does.
 */
final class ApiResponses {

  /** The warning Prometheus adds when {@code limit} cut the result. */
  static final String TRUNCATED = "results truncated due to limit";

  private static final JsonFactory FACTORY = new JsonFactory();

  private ApiResponses() {}

  /** {@code {"status":"success","data":...,"warnings":[...]}} with HTTP 200. */
  static WebResponse success(ApiJson.DataWriter data, List<String> warnings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", "success");
      g.writeFieldName("data");
      data.write(g);
      if (!warnings.isEmpty()) {
        g.writeArrayFieldStart("warnings");
        for (String w : warnings) {
          g.writeString(w);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return WebResponse.json(200, out.toByteArray());
  }

  /** A JSON array of strings. */
  static ApiJson.DataWriter strings(List<String> values) {
    return g -> {
      g.writeStartArray();
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    };
  }

  /** The first {@code limit} items (all when 0), adding the truncation warning when cut. */
  static <T> List<T> truncate(List<T> items, int limit, List<String> warnings) {
    if (limit > 0 && items.size() > limit) {
      warnings.add(TRUNCATED);
      return items.subList(0, limit);
    }
    return items;
  }
}
