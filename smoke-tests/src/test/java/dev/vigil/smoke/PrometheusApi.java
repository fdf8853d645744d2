package dev.vigil.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A minimal client of the Prometheus HTTP API, as Grafana would call it. */
final class PrometheusApi {

  /** One element of an instant vector result. */
  record Sample(Map<String, String> metric, double timestamp, String value) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;

  PrometheusApi(String base) {
    this.base = base;
  }

  /** GET a path; returns status code and body, or -1 when nothing listens yet. */
  HttpResponse<String> get(String pathAndQuery) throws InterruptedException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + pathAndQuery))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }

  /** Runs an instant query and returns the vector, failing on any non-success envelope. */
  List<Sample> query(String promql) throws InterruptedException, IOException {
    HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (r == null) {
      throw new IOException("server not reachable at " + base);
    }
    JsonNode root = JSON.readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(root.path("status").asText())) {
      throw new IOException("query " + promql + " failed: HTTP " + r.statusCode() + " " + r.body());
    }
    if (!"vector".equals(root.path("data").path("resultType").asText())) {
      throw new IOException("expected a vector for " + promql + ": " + r.body());
    }
    List<Sample> out = new ArrayList<>();
    for (JsonNode s : root.path("data").path("result")) {
      Map<String, String> metric = new TreeMap<>();
      s.path("metric").fields().forEachRemaining(e -> metric.put(e.getKey(), e.getValue().asText()));
      out.add(new Sample(metric, s.path("value").get(0).asDouble(), s.path("value").get(1).asText()));
    }
    return out;
  }
}
