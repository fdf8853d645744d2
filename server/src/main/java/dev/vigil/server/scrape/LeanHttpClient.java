package dev.vigil.server.scrape;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A blocking HTTP/1.1 GET of one {@code http://} or {@code https://} URL over one keep-alive
 * connection (direct or through an HTTP proxy, see {@link ScrapeTransport}), for one target's
 * scrapes.
 *
 * <p>Why not the JDK {@code HttpClient}: its selector and scheduler threads, futures and
 * per-request objects cost about as much CPU per sample as our whole ingest, and its code runs too
 * rarely to get compiled early. A scrape is one GET at a time per target, so a socket and a byte parser do.
 * Not thread-safe for concurrent use; {@link ScrapeLoop} never has two scrapes of a target out.
 */
final class LeanHttpClient implements Closeable {

  /**
   * A response's status, the headers a scrape needs, and its body (decompressed): {@code
   * buffer[0, length)}. The buffer may be the calling thread's, reused by the next {@link #get} on
   * that thread (of any client), so a caller that keeps the body past that takes {@link #body()},
   * a copy.
   */
  record Response(int status, String contentType, String location, byte[] buffer, int length) {

    Response(int status, String contentType, String location, byte[] body) {
      this(status, contentType, location, body, body.length);
    }

    /** The body as an array of its own. */
    byte[] body() {
      return length == buffer.length ? buffer.clone() : Arrays.copyOf(buffer, length);
    }
  }

  private static final int MAX_LINE = 8192;

  /**
   * Bodies up to this size are read into {@link #BODY_BUFFER}, kept for the thread's next scrape;
   * larger ones into an array of their own, so that one huge response does not stay on the heap
   * for good.
   */
  static final int KEEP_BODY_BUFFER_AT_MOST = 4 << 20;
  private static final int MAX_HEADERS = 100;

  private final String host;
  private final int port;
  private final String head;
  private final byte[] request;
  private final RequestHeaders extra;
  private final ScrapeTransport transport;
  private final long maxBodyBytes;
  private final byte[] buf = new byte[16 * 1024];
  /**
   * Each thread's array for Content-Length bodies, reused: a steady target's body (tens of KB a
   * scrape) was most of what the scrape path allocated, and so most of what made young
   * collections. Per thread rather than per client (target): a target's body is parsed and
   * appended on the I/O thread that read it before that thread reads another, and {@link
   * IoThreads} keeps the one or two most recently used threads busy, so a few arrays serve every
   * target; one per target held the whole of every target's last body (at 50 targets of 2,000
   * series, ~8 MiB, 80 bytes per series) between scrapes. An idle thread exits after a minute and
   * its array goes with it.
   */
  private static final ThreadLocal<byte[]> BODY_BUFFER = new ThreadLocal<>();
  private int pos;
  private int lim;
  // Volatile so close() from a stopping loop can break a blocked read without the monitor.
  private volatile Socket socket;
  private volatile boolean closed;
  private volatile InputStream in;
  private long deadlineNanos;

  /**
   * A client for {@code url} (scheme http) sending {@code headers} ("Name: value" lines without
   * CRLF); bodies past {@code maxBodyBytes} (after decompression) are refused.
   */
  LeanHttpClient(URI url, Iterable<String> headers, long maxBodyBytes) {
    this(url, headers, RequestHeaders.NONE, ScrapeTransport.DIRECT, maxBodyBytes);
  }

  /**
   * A client for {@code url} (http or https, reached through {@code transport}) sending {@code
   * headers} and, after them, the config's {@code extra} headers, read again for each request when
   * they come from files.
   */
  LeanHttpClient(
      URI url,
      Iterable<String> headers,
      RequestHeaders extra,
      ScrapeTransport transport,
      long maxBodyBytes) {
    this.host = url.getHost();
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    this.port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
    this.maxBodyBytes = maxBodyBytes;
    this.transport = transport;
    this.extra = extra;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path = path + "?" + url.getRawQuery();
    }
    if (transport.absoluteForm()) { // a proxy needs to know where the request goes
      path = url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority() + path;
    }
    StringBuilder sb = new StringBuilder(256);
    sb.append("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(url.getRawAuthority());
    sb.append("\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    for (String h : transport.requestHeaders()) {
      sb.append(h).append("\r\n");
    }
    this.head = sb.toString();
    // Prepared once when no header comes from a file: every scrape writes the same bytes.
    this.request = extra.dynamic() ? null : requestBytes(extra);
  }

  /** The whole request: the fixed head, the config's headers, the blank line. */
  private byte[] requestBytes(RequestHeaders extra) {
    List<String> lines;
    try {
      lines = extra.lines();
    } catch (IOException e) {
      return null; // a bad inline value: get() reports it at every scrape
    }
    return withHeaders(lines);
  }

  private byte[] withHeaders(List<String> lines) {
    StringBuilder sb = new StringBuilder(head.length() + 64);
    sb.append(head);
    for (String h : lines) {
      sb.append(h).append("\r\n");
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Whether {@code url} can be fetched by this client rather than the JDK's. */
  static boolean supports(URI url) {
    return ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
        && url.getHost() != null
        && url.getRawUserInfo() == null;
  }

  /**
   * Sends the GET and reads the response within {@code timeoutNanos}; a failure on a reused
   * connection is retried once on a fresh one, since the server may have closed it while idle.
   *
   * @throws SocketTimeoutException when the deadline passes
   * @throws IOException on connection errors and malformed responses (message says which)
   */
  synchronized Response get(long timeoutNanos) throws IOException {
    deadlineNanos = System.nanoTime() + timeoutNanos;
    // Before touching the connection: a secret file that cannot be read fails only this scrape.
    byte[] bytes = request != null ? request : withHeaders(extra.lines());
    boolean reused = socket != null;
    try {
      return exchange(bytes);
    } catch (SocketTimeoutException | MalformedResponseException | BodyTooLargeException e) {
      disconnect();
      throw e;
    } catch (IOException e) {
      disconnect();
      if (!reused || closed) {
        throw e;
      }
      try {
        return exchange(bytes);
      } catch (IOException again) {
        disconnect();
        throw again;
      }
    }
  }

  private Response exchange(byte[] request) throws IOException {
    if (socket == null) {
      connect();
    }
    Socket s = socket;
    if (s == null) {
      throw new SocketException("scrape client closed");
    }
    OutputStream out = s.getOutputStream();
    out.write(request);
    out.flush();
    int status;
    Headers h;
    boolean http10;
    do { // 1xx interim responses are skipped
      String line = readLine();
      status = statusLine(line);
      http10 = line.startsWith("HTTP/1.0");
      h = headers();
    } while (status >= 100 && status < 200);
    if (http10 && !h.keepAlive) {
      h.close = true;
    }
    byte[] body;
    int length = -1; // the whole array unless set
    if (status == 204 || status == 304) {
      body = new byte[0];
    } else if (h.chunked) {
      body = chunked();
    } else if (h.contentLength >= 0) {
      if (h.contentLength > maxBodyBytes) {
        throw new BodyTooLargeException(maxBodyBytes);
      }
      length = (int) h.contentLength;
      body = bodyBuffer(length);
      readInto(body, 0, length);
    } else {
      h.close = true; // delimited by the end of the connection
      body = untilEof();
    }
    if (h.close) {
      disconnect();
    }
    if (h.encoding != null && !h.encoding.isEmpty() && !h.encoding.equalsIgnoreCase("identity")) {
      if (!h.encoding.equalsIgnoreCase("gzip")) {
        throw new IOException("unsupported Content-Encoding " + h.encoding);
      }
      body = gunzip(body, length < 0 ? body.length : length);
      length = -1;
    }
    return new Response(status, h.contentType, h.location, body, length < 0 ? body.length : length);
  }

  /**
   * An array for a body of {@code n} bytes: the kept buffer, grown with an eighth to spare (a
   * target's body tends to grow by a few bytes as its counters gain digits), or, past {@link
   * #KEEP_BODY_BUFFER_AT_MOST}, a one-off array.
   */
  private static byte[] bodyBuffer(int n) {
    byte[] kept = BODY_BUFFER.get();
    if (kept != null && n <= kept.length) {
      return kept;
    }
    if (n > KEEP_BODY_BUFFER_AT_MOST) {
      return new byte[n];
    }
    kept = new byte[(int) Math.min(KEEP_BODY_BUFFER_AT_MOST, n + (long) n / 8)];
    BODY_BUFFER.set(kept);
    return kept;
  }

  private void connect() throws IOException {
    if (closed) {
      throw new IOException("scrape client closed");
    }
    Socket s = transport.open(host, port, deadlineNanos);
    try {
      in = s.getInputStream();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    pos = 0;
    lim = 0;
    if (closed) { // closed while connecting: do not leave the socket behind
      disconnect();
      throw new IOException("scrape client closed");
    }
  }

  /** Millis left before the deadline, at least 1 (0 would mean "no timeout" to a socket). */
  private int remainingMillis() throws SocketTimeoutException {
    long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  /** Refills the buffer; false at the end of the stream. */
  private boolean fill() throws IOException {
    Socket s = socket;
    InputStream i = in;
    if (s == null || i == null) { // close() from another thread
      throw new SocketException("scrape client closed");
    }
    s.setSoTimeout(remainingMillis());
    int n = i.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }

  /** Reads at most {@code n} bytes into {@code out}, past the buffer; at least one. */
  private int readDirect(byte[] out, int off, int n) throws IOException {
    Socket s = socket;
    InputStream i = in;
    if (s == null || i == null) { // close() from another thread
      throw new SocketException("scrape client closed");
    }
    s.setSoTimeout(remainingMillis());
    int k = i.read(out, off, n);
    if (k <= 0) {
      throw new EOFException("server closed the connection in the middle of the body");
    }
    return k;
  }

  /** One line without its CRLF (or bare LF), as Latin-1. */
  private String readLine() throws IOException {
    StringBuilder sb = null;
    while (true) {
      if (pos == lim && !fill()) {
        throw new EOFException("server closed the connection before a complete response");
      }
      int start = pos;
      while (pos < lim && buf[pos] != '\n') {
        pos++;
      }
      boolean eol = pos < lim;
      int end = pos;
      if (eol) {
        pos++; // the LF
      }
      int len = end - start + (sb == null ? 0 : sb.length());
      if (len > MAX_LINE) {
        throw new MalformedResponseException("response header line longer than " + MAX_LINE);
      }
      if (sb == null && eol) {
        if (end > start && buf[end - 1] == '\r') {
          end--;
        }
        return new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
      if (eol) {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
    }
  }

  /** The status code of "HTTP/1.x NNN reason"; errors quote the line. */
  private static int statusLine(String line) throws MalformedResponseException {
    if (line.length() < 12
        || !line.startsWith("HTTP/1.")
        || line.charAt(8) != ' '
        || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new MalformedResponseException("malformed HTTP status line " + quote(line));
    }
    int code = 0;
    for (int i = 9; i < 12; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedResponseException("malformed HTTP status code in " + quote(line));
      }
      code = code * 10 + (c - '0');
    }
    return code;
  }

  /** What the headers say about framing, encoding and type. */
  private static final class Headers {
    long contentLength = -1;
    boolean chunked;
    boolean close;
    boolean keepAlive;
    String encoding;
    String contentType;
    String location;
  }

  private Headers headers() throws IOException {
    Headers h = new Headers();
    for (int n = 0; ; n++) {
      String line = readLine();
      if (line.isEmpty()) {
        return h;
      }
      if (n >= MAX_HEADERS) {
        throw new MalformedResponseException("more than " + MAX_HEADERS + " response headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(colon - 1) == ' ' || line.charAt(0) == ' ') {
        throw new MalformedResponseException("malformed HTTP response header " + quote(line));
      }
      String name = line.substring(0, colon);
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        h.contentLength = contentLength(value, line);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        h.chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
        if (!h.chunked) {
          throw new MalformedResponseException("unsupported Transfer-Encoding " + quote(value));
        }
      } else if (name.equalsIgnoreCase("Connection")) {
        h.close = value.equalsIgnoreCase("close");
        h.keepAlive = value.equalsIgnoreCase("keep-alive");
      } else if (name.equalsIgnoreCase("Content-Encoding")) {
        h.encoding = value;
      } else if (name.equalsIgnoreCase("Content-Type")) {
        h.contentType = value;
      } else if (name.equalsIgnoreCase("Location")) {
        h.location = value;
      }
    }
  }

  private static long contentLength(String value, String line) throws MalformedResponseException {
    if (value.isEmpty() || value.length() > 18) {
      throw new MalformedResponseException("malformed HTTP response header " + quote(line));
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedResponseException("malformed HTTP response header " + quote(line));
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private void readInto(byte[] out, int off, int n) throws IOException {
    while (n > 0) {
      if (pos == lim && n >= buf.length) {
        // A large remainder goes straight into the body: a body of a few dozen KB then takes one
        // or two socket reads instead of one per buffer's worth, and no copy.
        int k = readDirect(out, off, n);
        off += k;
        n -= k;
        continue;
      }
      if (pos == lim && !fill()) {
        throw new EOFException("server closed the connection in the middle of the body");
      }
      int k = Math.min(n, lim - pos);
      System.arraycopy(buf, pos, out, off, k);
      pos += k;
      off += k;
      n -= k;
    }
  }

  private byte[] chunked() throws IOException {
    byte[] out = new byte[Math.max(1024, lim - pos)];
    int size = 0;
    while (true) {
      String line = readLine();
      int semi = line.indexOf(';'); // chunk extensions are ignored
      String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
      long n;
      try {
        n = hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        throw new MalformedResponseException("malformed chunk size " + quote(line));
      }
      if (n == 0) {
        while (!readLine().isEmpty()) {
          // trailers: nothing a scrape needs
        }
        return Arrays.copyOf(out, size);
      }
      if (size + n > maxBodyBytes) {
        throw new BodyTooLargeException(maxBodyBytes);
      }
      int need = size + (int) n;
      if (need > out.length) {
        long grown = Math.max(need, 2L * out.length);
        out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, grown));
      }
      readInto(out, size, (int) n);
      size = need;
      if (!readLine().isEmpty()) {
        throw new MalformedResponseException("chunk data longer than its size " + quote(hex));
      }
    }
  }

  private byte[] untilEof() throws IOException {
    byte[] out = new byte[4096];
    int size = 0;
    while (pos < lim || fill()) {
      int k = lim - pos;
      if (size + (long) k > maxBodyBytes) {
        throw new BodyTooLargeException(maxBodyBytes);
      }
      if (size + k > out.length) {
        out = Arrays.copyOf(out, Math.max(size + k, 2 * out.length));
      }
      System.arraycopy(buf, pos, out, size, k);
      size += k;
      pos = lim;
    }
    return Arrays.copyOf(out, size);
  }

  private byte[] gunzip(byte[] body, int length) throws IOException {
    byte[] out;
    try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(body, 0, length))) {
      out = z.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    } catch (IOException e) {
      throw new MalformedResponseException("decompressing gzip response body: " + e.getMessage());
    }
    if (out.length > maxBodyBytes) {
      throw new BodyTooLargeException(maxBodyBytes);
    }
    return out;
  }

  private static String quote(String s) {
    String shown = s.length() > 100 ? s.substring(0, 100) + "..." : s;
    return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Closes for good, also breaking a request that is blocked reading (the loop was stopped). */
  @Override
  public void close() {
    closed = true;
    disconnect();
  }

  /** Drops the connection; the next {@link #get} opens a new one. */
  private void disconnect() {
    Socket s = socket;
    socket = null;
    in = null;
    pos = 0;
    lim = 0;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Nothing to do: the socket is gone either way.
      }
    }
  }

  /** A response that is not HTTP/1.x as we read it; never retried. */
  static final class MalformedResponseException extends IOException {
    MalformedResponseException(String message) {
      super(message);
    }
  }

  /** A body over the size limit; never retried. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long limit) {
      // Prometheus's words exactly: the targets page shows this as the scrape's error.
      super("body size limit exceeded");
    }
  }
}
