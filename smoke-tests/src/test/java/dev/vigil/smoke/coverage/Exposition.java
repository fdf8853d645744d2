package dev.vigil.smoke.coverage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** The sample names of a Prometheus text exposition, read from a file or fetched over HTTP. */
final class Exposition {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Exposition() {}

  /** Reads {@code source}: an {@code http(s)://} URL, else a file path. */
  static String load(String source) throws IOException, InterruptedException {
    if (!source.startsWith("http://") && !source.startsWith("https://")) {
      return Files.readString(Path.of(source), StandardCharsets.UTF_8);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(source))
            // The classic text format, which every exporter serves and whose sample names are
            // exactly what PromQL selects.
            .header("Accept", "text/plain;version=0.0.4")
            .timeout(TIMEOUT)
            .build();
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IOException("GET " + source + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  /** Every sample name (the text before {@code {} or the first blank) of non-comment lines. */
  static Set<String> sampleNames(String text) {
    Set<String> names = new TreeSet<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < trimmed.length()
          && trimmed.charAt(end) != '{'
          && !Character.isWhitespace(trimmed.charAt(end))) {
        end++;
      }
      names.add(trimmed.substring(0, end));
    }
    return names;
  }
}
