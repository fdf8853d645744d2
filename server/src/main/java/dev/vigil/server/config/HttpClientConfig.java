package dev.vigil.server.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP client settings of a scrape config (Prometheus's {@code HTTPClientConfig}, inlined into
 * {@code scrape_configs[]}): authentication, TLS, proxy, redirects and extra headers.
 *
 * @param basicAuth {@code basic_auth}, or null
 * @param authorization {@code authorization} (also what {@code bearer_token[_file]} becomes), or
 *     null; at most one of the two is set
 * @param proxyUrl {@code proxy_url} (scheme http) without user info, or null
 * @param proxyAuth the user and password {@code proxy_url} carried, sent as {@code
 *     Proxy-Authorization: Basic}, or null
 * @param headers {@code http_headers}: header name to its values, in file order
 */
public record HttpClientConfig(
    BasicAuth basicAuth,
    Authorization authorization,
    TlsConfig tls,
    URI proxyUrl,
    BasicAuth proxyAuth,
    boolean followRedirects,
    boolean enableHttp2,
    Map<String, Header> headers) {

  /** Prometheus's defaults for a scrape: no auth, default TLS, no proxy, follow redirects. */
  public static final HttpClientConfig DEFAULT =
      new HttpClientConfig(null, null, TlsConfig.DEFAULT, null, null, true, true, Map.of());

  public HttpClientConfig {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** {@code basic_auth}: either part may be absent (null), which sends it empty. */
  public record BasicAuth(Secret username, Secret password) {}

  /** {@code authorization}: the header is {@code <type> <credentials>}. */
  public record Authorization(String type, Secret credentials) {}

  /**
   * One {@code http_headers} entry: plain values, secret values and values read from files, sent in
   * that order, each as its own header line.
   */
  public record Header(List<String> values, List<Secret> secrets, List<Secret> files) {
    public Header {
      values = List.copyOf(values);
      secrets = List.copyOf(secrets);
      files = List.copyOf(files);
    }
  }
}
