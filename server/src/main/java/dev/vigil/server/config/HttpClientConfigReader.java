package dev.vigil.server.config;

import dev.vigil.server.format.GoQuote;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the HTTP client keys of one scrape config into an {@link HttpClientConfig}, with
 * Prometheus's validation (its wording where it has one) and every error at the offending line.
 * File names are resolved against the config file's directory, as Prometheus does; the files
 * themselves are read only when scraping, so a missing one fails the scrape, not the load.
 */
final class HttpClientConfigReader {

  /** Prometheus's {@code min_version}/{@code max_version} names and the JDK's protocol names. */
  private static final Map<String, String> TLS_VERSIONS =
      Map.of("TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");

  /**
   * Headers that http_headers may not set, as in Prometheus: they belong to the client (framing,
   * auth, the scrape protocol). Compared case-insensitively.
   */
  private static final Set<String> RESERVED_HEADERS =
      lowerCase(
          "Authorization",
          "Host",
          "Content-Encoding",
          "Content-Length",
          "Content-Type",
          "User-Agent",
          "Connection",
          "Keep-Alive",
          "Proxy-Authenticate",
          "Proxy-Authorization",
          "Www-Authenticate",
          "Accept-Encoding",
          "X-Prometheus-Remote-Write-Version",
          "X-Prometheus-Remote-Read-Version",
          "X-Prometheus-Scrape-Timeout-Seconds",
          "X-Amz-Date",
          "X-Amz-Security-Token",
          "X-Amz-Content-Sha256");

  private final ConfigSource source;
  private final Path baseDir;

  HttpClientConfigReader(ConfigSource source, Path baseDir) {
    this.source = source;
    this.baseDir = baseDir;
  }

  HttpClientConfig read(YamlSection s) throws ConfigException {
    Node bearer = s.get("bearer_token");
    Node bearerFile = s.get("bearer_token_file");
    Node basicNode = s.get("basic_auth");
    Node authNode = s.get("authorization");
    if (bearer != null && bearerFile != null) {
      throw source.error(
          bearerFile, "at most one of bearer_token & bearer_token_file must be configured");
    }
    Node legacy = bearer != null ? bearer : bearerFile;
    if (basicNode != null && legacy != null) {
      throw source.error(
          legacy,
          "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
    }
    if (authNode != null && legacy != null) {
      throw source.error(
          legacy, "authorization is not compatible with bearer_token & bearer_token_file");
    }
    if (authNode != null && basicNode != null) {
      throw source.error(
          s.keyNode("authorization"),
          "at most one of basic_auth, oauth2 & authorization must be configured");
    }
    HttpClientConfig.BasicAuth basic = basicNode == null ? null : basicAuth(basicNode);
    HttpClientConfig.Authorization auth = authNode == null ? null : authorization(authNode);
    if (bearer != null) { // Prometheus turns the deprecated fields into authorization
      auth =
          new HttpClientConfig.Authorization("Bearer", Secret.of(s.string("bearer_token").get()));
    } else if (bearerFile != null) {
      auth =
          new HttpClientConfig.Authorization(
              "Bearer", Secret.fromFile(file(s.string("bearer_token_file").get())));
    }
    TlsConfig tls = s.get("tls_config") == null ? TlsConfig.DEFAULT : tls(s.get("tls_config"));
    Proxy proxy = proxy(s);
    return new HttpClientConfig(
        basic,
        auth,
        tls,
        proxy.url(),
        proxy.auth(),
        s.bool("follow_redirects").orElse(true),
        s.bool("enable_http2").orElse(true),
        headers(s.get("http_headers")));
  }

  private HttpClientConfig.BasicAuth basicAuth(Node node) throws ConfigException {
    YamlSection b = section(node, ConfigSchema.BASIC_AUTH);
    Secret user =
        oneOf(b, "username", "username_file", "basic_auth username, username_file & username_ref");
    Secret pass =
        oneOf(b, "password", "password_file", "basic_auth password, password_file & password_ref");
    return new HttpClientConfig.BasicAuth(user, pass);
  }

  private HttpClientConfig.Authorization authorization(Node node) throws ConfigException {
    YamlSection a = section(node, ConfigSchema.AUTHORIZATION);
    Secret credentials =
        oneOf(a, "credentials", "credentials_file", "authorization credentials & credentials_file");
    String type = a.string("type").orElse("").strip();
    if (type.isEmpty()) {
      type = "Bearer";
    }
    if (type.equalsIgnoreCase("basic")) {
      throw source.error(
          a.get("type"),
          "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
    }
    if (!isToken(type)) {
      throw source.error(
          a.get("type"),
          "authorization type " + GoQuote.quote(type) + " is not a valid HTTP auth scheme");
    }
    return new HttpClientConfig.Authorization(
        type, credentials == null ? Secret.of("") : credentials);
  }

  private TlsConfig tls(Node node) throws ConfigException {
    YamlSection t = section(node, ConfigSchema.TLS);
    Secret ca = oneOf(t, "ca", "ca_file", "ca, ca_file & ca_ref");
    Secret cert = oneOf(t, "cert", "cert_file", "cert, cert_file & cert_ref");
    Secret key = oneOf(t, "key", "key_file", "key and key_file");
    if (cert != null && key == null) {
      throw source.error(
          t.node(),
          "exactly one of key or key_file must be configured when a client certificate is"
              + " configured");
    }
    if (key != null && cert == null) {
      throw source.error(
          t.node(),
          "exactly one of cert or cert_file must be configured when a client key is configured");
    }
    String min = tlsVersion(t, "min_version");
    String max = tlsVersion(t, "max_version");
    if (min != null && max != null && min.compareTo(max) > 0) { // the JDK names sort by version
      throw source.error(
          t.get("max_version"), "tls_config: max_version must not be lower than min_version");
    }
    String serverName = t.string("server_name").orElse("");
    return new TlsConfig(
        ca,
        cert,
        key,
        serverName.isEmpty() ? null : serverName,
        t.bool("insecure_skip_verify").orElse(false),
        min,
        max);
  }

  private String tlsVersion(YamlSection t, String key) throws ConfigException {
    String v = t.string(key).orElse("");
    if (v.isEmpty()) {
      return null;
    }
    String jdk = TLS_VERSIONS.get(v);
    if (jdk == null) {
      throw source.error(t.get(key), "unknown TLS version: " + v);
    }
    return jdk;
  }

  /** {@code proxy_url} without its user info, and the credentials that user info held. */
  private record Proxy(URI url, HttpClientConfig.BasicAuth auth) {}

  private Proxy proxy(YamlSection s) throws ConfigException {
    String text = s.string("proxy_url").orElse("");
    if (text.isEmpty()) {
      return new Proxy(null, null);
    }
    Node at = s.get("proxy_url");
    // Messages show the URL with its password masked: errors end up in logs and API answers.
    String shown = SecretRedactor.maskUrlPassword(text);
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw source.error(at, "proxy_url " + GoQuote.quote(shown) + " is not a valid URL");
    }
    if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      throw source.error(
          at,
          "proxy_url "
              + GoQuote.quote(shown)
              + " is not supported: Vigil speaks to HTTP proxies only (http://host:port)");
    }
    String userInfo = url.getRawUserInfo();
    if (userInfo == null) {
      return new Proxy(url, null);
    }
    // As Go's url.User: split the raw text at its first colon, then decode each part.
    int colon = userInfo.indexOf(':');
    HttpClientConfig.BasicAuth auth =
        new HttpClientConfig.BasicAuth(
            Secret.of(percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon))),
            Secret.of(percentDecode(colon < 0 ? "" : userInfo.substring(colon + 1))));
    try {
      URI bare = new URI(url.getScheme(), null, url.getHost(), url.getPort(), null, null, null);
      return new Proxy(bare, auth);
    } catch (URISyntaxException e) {
      throw source.error(at, "proxy_url " + GoQuote.quote(shown) + " is not a valid URL");
    }
  }

  /** %XX escapes to UTF-8 text; java.net.URI already checked that every escape is well formed. */
  private static String percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int plain = 0; // start of the run of characters without escapes
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '%' && i + 2 < s.length()) {
        out.writeBytes(s.substring(plain, i).getBytes(StandardCharsets.UTF_8));
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
        plain = i + 1;
      }
    }
    out.writeBytes(s.substring(plain).getBytes(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private Map<String, HttpClientConfig.Header> headers(Node node) throws ConfigException {
    if (node == null) {
      return Map.of();
    }
    if (!(node instanceof MappingNode m)) {
      throw source.error(
          node,
          "http_headers: expected a mapping of header names, got " + YamlSection.describe(node));
    }
    Map<String, HttpClientConfig.Header> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String name = YamlSection.scalarString(source, "http_headers", t.getKeyNode());
      if (!isToken(name)) {
        throw source.error(t.getKeyNode(), "invalid header name " + GoQuote.quote(name));
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw source.error(
            t.getKeyNode(), "setting header " + GoQuote.quote(name) + " is not allowed");
      }
      YamlSection h = section(t.getValueNode(), ConfigSchema.HTTP_HEADER);
      List<Secret> secrets = new ArrayList<>();
      for (String v : h.stringList("secrets")) {
        secrets.add(Secret.of(v));
      }
      List<Secret> files = new ArrayList<>();
      for (String f : h.stringList("files")) {
        files.add(Secret.fromFile(file(f)));
      }
      List<String> values = h.stringList("values");
      for (String v : values) {
        checkHeaderValue(h.get("values"), v);
      }
      out.put(name, new HttpClientConfig.Header(values, secrets, files));
    }
    return out;
  }

  private void checkHeaderValue(Node at, String v) throws ConfigException {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\r' || c == '\n') {
        throw source.error(at, "http_headers: a header value may not contain a line break");
      }
    }
  }

  /**
   * A mapping section. A scalar in its place is reported without its text: {@code
   * authorization: <token>} is an easy mistake, and the message goes to logs and the reload API.
   */
  private YamlSection section(Node node, ConfigSchema.Section schema) throws ConfigException {
    if (node instanceof ScalarNode && !YamlSection.isNull(node)) {
      throw source.error(
          node,
          schema.name() + ": expected a mapping, got a string (not shown: it may be a secret)");
    }
    return YamlSection.read(source, node, schema);
  }

  /** The inline key or the file key of a pair that Prometheus allows at most one of. */
  private Secret oneOf(YamlSection s, String inlineKey, String fileKey, String names)
      throws ConfigException {
    String inline = s.string(inlineKey).orElse("");
    String file = s.string(fileKey).orElse("");
    if (!inline.isEmpty() && !file.isEmpty()) {
      throw source.error(s.get(fileKey), "at most one of " + names + " must be configured");
    }
    if (!file.isEmpty()) {
      return Secret.fromFile(file(file));
    }
    return inline.isEmpty() ? null : Secret.of(inline);
  }

  private Path file(String name) {
    return baseDir.resolve(name);
  }

  /** An HTTP token (RFC 9110): what a header name or an auth scheme may be made of. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> lowerCase(String... names) {
    Set<String> out = new TreeSet<>();
    for (String n : names) {
      out.add(n.toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(out);
  }
}
