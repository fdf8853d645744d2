package dev.vigil.server.scrape;

import dev.vigil.server.config.HttpClientConfig;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How {@link LeanHttpClient} reaches a target: directly or through an HTTP proxy, in plain text or
 * TLS. Through a proxy, plain http requests go to the proxy in absolute form and https ones through
 * a {@code CONNECT} tunnel, as Go's client does.
 */
final class ScrapeTransport {

  /** Plain TCP, straight to the target. */
  static final ScrapeTransport DIRECT = new ScrapeTransport(null, null, null);

  private static final int MAX_CONNECT_RESPONSE = 16 * 1024;

  private final URI proxy;
  private final String proxyAuthorization;
  private final TlsMaterial tls;

  /**
   * @param proxy an {@code http://host:port} proxy, or null
   * @param proxyAuthorization the {@code Proxy-Authorization} header line for the proxy, or null
   * @param tls the TLS material for https targets, or null for plain http
   */
  ScrapeTransport(URI proxy, String proxyAuthorization, TlsMaterial tls) {
    this.proxy = proxy;
    this.proxyAuthorization = proxyAuthorization;
    this.tls = tls;
  }

  /** A transport for {@code url}'s scheme with the config's proxy and TLS settings. */
  static ScrapeTransport of(URI url, HttpClientConfig config) {
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    if (config.proxyUrl() == null && !https) {
      return DIRECT;
    }
    return new ScrapeTransport(
        config.proxyUrl(),
        config.proxyUrl() == null ? null : proxyAuthorization(config.proxyAuth()),
        https ? new TlsMaterial(config.tls()) : null);
  }

  /** The header line for the credentials of {@code proxy_url}, or null without any. */
  static String proxyAuthorization(HttpClientConfig.BasicAuth auth) {
    if (auth == null) {
      return null;
    }
    String pair = auth.username().inline() + ":" + auth.password().inline();
    return "Proxy-Authorization: Basic "
        + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Header lines every request needs for the proxy (plain http through a proxy with credentials).
   */
  List<String> requestHeaders() {
    return absoluteForm() && proxyAuthorization != null ? List.of(proxyAuthorization) : List.of();
  }

  /** Whether the request line must carry the absolute URL (plain http through a proxy). */
  boolean absoluteForm() {
    return proxy != null && tls == null;
  }

  /** Connects to {@code host:port} (through the proxy, with TLS) before {@code deadlineNanos}. */
  Socket open(String host, int port, long deadlineNanos) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      if (proxy != null) {
        int proxyPort = proxy.getPort() >= 0 ? proxy.getPort() : 80;
        s.connect(new InetSocketAddress(proxy.getHost(), proxyPort), millisLeft(deadlineNanos));
      } else {
        s.connect(new InetSocketAddress(host, port), millisLeft(deadlineNanos));
      }
      if (tls == null) {
        return s;
      }
      if (proxy != null) {
        tunnel(s, host, port, deadlineNanos);
      }
      return tls.handshake(s, host, port, millisLeft(deadlineNanos));
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Asks the proxy for a tunnel to {@code host:port}; any answer but 2xx fails the scrape. */
  private void tunnel(Socket s, String host, int port, long deadlineNanos) throws IOException {
    String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    OutputStream out = s.getOutputStream();
    out.write(
        ("CONNECT "
                + authority
                + " HTTP/1.1\r\nHost: "
                + authority
                + "\r\n"
                + (proxyAuthorization == null ? "" : proxyAuthorization + "\r\n")
                + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    // Byte by byte up to the blank line: what follows belongs to the TLS handshake.
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      s.setSoTimeout(millisLeft(deadlineNanos));
      int b = in.read();
      if (b < 0) {
        throw new EOFException("proxy closed the connection during CONNECT to " + authority);
      }
      head.write(b);
      if (head.size() > MAX_CONNECT_RESPONSE) {
        throw new IOException("proxy's answer to CONNECT is longer than " + MAX_CONNECT_RESPONSE);
      }
      matched =
          (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
    String response = head.toString(StandardCharsets.ISO_8859_1);
    String status = response.substring(0, response.indexOf('\r'));
    if (!status.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
      throw new IOException("proxy refused CONNECT to " + authority + ": " + status);
    }
  }

  /** Millis left before the deadline, at least 1 (0 would mean "no timeout" to a socket). */
  static int millisLeft(long deadlineNanos) throws SocketTimeoutException {
    long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }
}
