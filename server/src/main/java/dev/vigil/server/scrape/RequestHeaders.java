package dev.vigil.server.scrape;

import dev.vigil.server.config.HttpClientConfig;
import dev.vigil.server.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The headers a scrape config adds to each request: {@code Authorization} from {@code basic_auth}
 * or {@code authorization}, and {@code http_headers}. Values from files are read at every scrape,
 * so a rotated token is used at the next one, as in Prometheus; without files the lines are built
 * once.
 */
final class RequestHeaders {

  /** No added headers. */
  static final RequestHeaders NONE = new RequestHeaders(HttpClientConfig.DEFAULT);

  private final HttpClientConfig config;
  private final boolean fromFiles;
  private final List<String> fixed;

  RequestHeaders(HttpClientConfig config) {
    this.config = config;
    this.fromFiles = readsFiles(config);
    List<String> lines = null;
    if (!fromFiles) {
      try {
        lines = List.copyOf(build());
      } catch (IOException e) {
        lines = null; // an unsendable inline value: every scrape reports it
      }
    }
    this.fixed = lines;
  }

  /** Whether {@link #lines} may differ between scrapes (some value is read from a file). */
  boolean dynamic() {
    return fromFiles;
  }

  /**
   * The header lines ("Name: value") for the next request.
   *
   * @throws IOException naming the file that cannot be read (never its content)
   */
  List<String> lines() throws IOException {
    return fixed != null ? fixed : build();
  }

  private List<String> build() throws IOException {
    List<String> out = new ArrayList<>(2);
    HttpClientConfig.BasicAuth basic = config.basicAuth();
    if (basic != null) {
      String user = value(basic.username(), "basic auth username");
      String pass = value(basic.password(), "basic auth password");
      String token =
          Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
      out.add("Authorization: Basic " + token);
    }
    HttpClientConfig.Authorization auth = config.authorization();
    if (auth != null) {
      out.add(
          "Authorization: "
              + auth.type()
              + " "
              + checked(
                  value(auth.credentials(), "authorization credentials"),
                  "authorization credentials"));
    }
    for (Map.Entry<String, HttpClientConfig.Header> e : config.headers().entrySet()) {
      String name = e.getKey();
      HttpClientConfig.Header h = e.getValue();
      for (String v : h.values()) {
        out.add(name + ": " + v);
      }
      for (Secret s : h.secrets()) {
        out.add(name + ": " + checked(s.read(), "header " + name));
      }
      for (Secret s : h.files()) {
        out.add(name + ": " + checked(value(s, "header " + name), "header " + name));
      }
    }
    return out;
  }

  private static String value(Secret s, String what) throws IOException {
    if (s == null) {
      return "";
    }
    try {
      return s.read();
    } catch (NoSuchFileException e) {
      throw new IOException(
          "unable to read " + what + " file " + s.origin() + ": no such file or directory", e);
    } catch (IOException e) {
      throw new IOException("unable to read " + what + " file " + s.origin() + ": " + e, e);
    }
  }

  /** A line break in a value would end the header and inject the rest: refuse the scrape. */
  private static String checked(String value, String what) throws IOException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IOException(what + " contains a line break or NUL, which a header cannot carry");
      }
    }
    return value;
  }

  private static boolean readsFiles(HttpClientConfig c) {
    if (c.basicAuth() != null
        && (isFile(c.basicAuth().username()) || isFile(c.basicAuth().password()))) {
      return true;
    }
    if (c.authorization() != null && isFile(c.authorization().credentials())) {
      return true;
    }
    for (HttpClientConfig.Header h : c.headers().values()) {
      if (!h.files().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFile(Secret s) {
    return s != null && s.isFile();
  }
}
