package dev.vigil.server.scrape;

import dev.vigil.server.config.HttpClientConfig;
import dev.vigil.server.config.TlsConfig;
import dev.vigil.server.format.GoFloat;
import dev.vigil.server.format.PromDuration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Fetches one target's metrics over HTTP: Prometheus's headers, gzip, the whole-scrape timeout.
 * Asynchronous to its callers, so a slow target never holds a scheduler or worker thread: a
 * plain-http scrape blocks only its own I/O thread, which then also runs the caller's callback.
 */
final class HttpScraper {

  /**
   * A successful response's body (already decompressed), {@code bytes[0, length)}, and its declared
   * format. Handed to a {@link Callback} it may be the lean client's reused buffer, valid only
   * during the callback; the future-returning fetches hand out a body of its own.
   */
  record Body(byte[] bytes, int length, ExpositionFormat format) {

    Body(byte[] bytes, ExpositionFormat format) {
      this(bytes, bytes.length, format);
    }

    /**
     * This body in an array of its own, exactly its length: always a copy, since even an array of
     * exactly the body's length may be the client's buffer (a body of under 8 bytes fills it).
     */
    Body own() {
      return new Body(Arrays.copyOf(bytes, length), format);
    }
  }

  /** Go's client gives up after this many redirects, and so do our lean-client hops. */
  private static final int MAX_REDIRECTS = 10;

  /** Java arrays cap a body; a {@code body_size_limit} of 0 means this one. */
  private static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

  /**
   * The JDK clients, one per TLS/proxy/redirect setting, made at the first scrape that needs one (a
   * redirect, or a URL the lean client cannot send): most setups never do.
   */
  private final Map<JdkClientKey, HttpClient> clients = new HashMap<>();
  private final Executor executor;
  private final IoThreads blockingIo;
  private final String userAgent;

  HttpScraper(Executor executor, String version) {
    this.executor = executor;
    this.userAgent = "Vigil/" + version;
    // Lean fetches block on their socket; they get threads of their own (one per scrape in
    // flight, kept while scrapes keep coming) so a stalled target never takes a worker. The
    // same thread then parses and appends: handing the body to a worker cost a wake-up and a
    // future chain per scrape, and parsing was never bounded by the workers for the JDK client's
    // redirects either. A slow parse thus holds only its own target's thread.
    this.blockingIo = new IoThreads("vigil-scrape-io-");
  }

  /**
   * A prepared scrape of one URL, one per target for all its scrapes: the request, built once
   * (for http and https, a {@link LeanHttpClient} holding the keep-alive connection, release it
   * with {@link #release}; else the JDK client's request, null when the URL cannot be sent), the
   * error prefix, the job's HTTP settings, the headers they add and the body size limit.
   */
  record Request(
      URI url,
      Duration timeout,
      HttpRequest http,
      LeanHttpClient lean,
      String errorPrefix,
      HttpClientConfig config,
      RequestHeaders headers,
      long maxBodyBytes) {}

  /** What a JDK client is built from: requests differing only in headers share one. */
  private record JdkClientKey(TlsConfig tls, URI proxy, boolean followRedirects) {}

  /** Prepares scrapes of {@code url} with Prometheus's HTTP defaults and no body size limit. */
  Request prepare(URI url, Duration timeout) {
    return prepare(url, timeout, HttpClientConfig.DEFAULT, 0);
  }

  /**
   * Prepares scrapes of {@code url} with the job's HTTP client settings (auth, TLS, proxy, headers)
   * and {@code body_size_limit} (0 for none); a malformed URL surfaces when {@link #fetch} runs.
   */
  Request prepare(URI url, Duration timeout, HttpClientConfig config, long bodySizeLimit) {
    String prefix = "Get \"" + url + "\": ";
    long maxBody = bodySizeLimit > 0 ? Math.min(bodySizeLimit, MAX_BODY_BYTES) : MAX_BODY_BYTES;
    RequestHeaders extra = new RequestHeaders(config);
    // The one place that picks the client: http and https without credentials in the URL take
    // the lean one (the common case, where the JDK client's threads cost most per sample), and
    // it applies the TLS settings exactly (server_name is both SNI and the verified name, which
    // the JDK client cannot do for host names). Anything else keeps the JDK client. Redirects
    // are followed by handing that scrape to the JDK client (see fetch), which builds its
    // request then: a server that is never redirected never loads java.net.http (~60 classes
    // and a dozen lambdas at the first scrape).
    if (LeanHttpClient.supports(url) && timeout.compareTo(Duration.ZERO) > 0) {
      LeanHttpClient lean =
          new LeanHttpClient(
              url, leanHeaders(timeout), extra, ScrapeTransport.of(url, config), maxBody);
      return new Request(url, timeout, null, lean, prefix, config, extra, maxBody);
    }
    HttpRequest http;
    try {
      http = jdkRequest(url, timeout, List.of());
    } catch (IllegalArgumentException e) {
      http = null; // reported by every fetch, as before
      prefix = prefix + e.getMessage();
    } catch (IOException e) {
      throw new IllegalStateException("no header lines to read", e);
    }
    return new Request(url, timeout, http, null, prefix, config, extra, maxBody);
  }

  /** Prometheus's request headers, as the lean client's "Name: value" lines. */
  private List<String> leanHeaders(Duration timeout) {
    return List.of(
        "Accept: " + ExpositionFormat.ACCEPT_HEADER,
        "Accept-Encoding: gzip",
        "User-Agent: " + userAgent,
        "X-Prometheus-Scrape-Timeout-Seconds: " + GoFloat.formatF(timeout.toMillis() / 1000.0));
  }

  /** The request for one JDK-client scrape, with the config's headers as they are now. */
  private HttpRequest jdkRequest(Request prepared) throws IOException {
    List<String> lines = prepared.headers().lines();
    String proxyAuth = ScrapeTransport.proxyAuthorization(prepared.config().proxyAuth());
    if (proxyAuth != null && prepared.config().proxyUrl() != null) {
      // Reaches the proxy with plain http; the JDK's CONNECT for https does not carry it.
      lines = new java.util.ArrayList<>(lines);
      lines.add(proxyAuth);
    }
    return jdkRequest(prepared.url(), prepared.timeout(), lines);
  }

  /**
   * The JDK client's request: Prometheus's headers and {@code extra} ("Name: value" lines); throws
   * IAE for a URL it cannot send.
   */
  private HttpRequest jdkRequest(URI url, Duration timeout, List<String> extra) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Accept", ExpositionFormat.ACCEPT_HEADER)
            .header("Accept-Encoding", "gzip")
            .header("User-Agent", userAgent)
            .header(
                "X-Prometheus-Scrape-Timeout-Seconds",
                GoFloat.formatF(timeout.toMillis() / 1000.0));
    for (String line : extra) {
      int colon = line.indexOf(':');
      b.header(line.substring(0, colon), line.substring(colon + 2));
    }
    return b.GET().build();
  }

  /** Releases what a prepared request holds (its keep-alive connection). */
  static void release(Request prepared) {
    if (prepared != null && prepared.lean() != null) {
      prepared.lean().close();
    }
  }

  /** Receives a scrape's outcome, on the thread that finished it; exactly one is non-null. */
  interface Callback {
    void done(Body body, ScrapeException error);
  }

  /**
   * Scrapes {@code url}; completes exceptionally with a {@link ScrapeException} whose message is
   * fit for the targets page.
   */
  CompletableFuture<Body> fetch(URI url, Duration timeout) {
    Request once = prepare(url, timeout);
    return fetch(once).whenComplete((b, e) -> release(once)); // one-off: no connection to keep
  }

  /** Scrapes as prepared; see {@link #fetch(URI, Duration)}. */
  CompletableFuture<Body> fetch(Request prepared) {
    CompletableFuture<Body> result = new CompletableFuture<>();
    fetch(
        prepared,
        (body, error) -> {
          if (error != null) {
            result.completeExceptionally(error);
          } else {
            result.complete(body.own()); // the caller keeps it past the callback
          }
        });
    return result;
  }

  /**
   * Scrapes as prepared and hands the outcome to {@code callback}: for plain http on the
   * {@code vigil-scrape-io-} thread that read the response, so a scrape's parse and append run
   * where its bytes already are (no hand-off to the workers); for the JDK client on a worker; on
   * the caller's thread when the scrape cannot start at all.
   */
  void fetch(Request prepared, Callback callback) {
    if (prepared.lean() != null) {
      fetchLean(prepared, callback);
    } else if (prepared.http() == null) {
      callback.done(null, new ScrapeException(prepared.errorPrefix(), null));
    } else {
      fetchJdk(prepared, callback);
    }
  }

  private void fetchLean(Request prepared, Callback callback) {
    Runnable scrape =
        () -> {
          LeanHttpClient.Response r;
          long deadline = System.nanoTime() + prepared.timeout().toNanos();
          try {
            r = prepared.lean().get(prepared.timeout().toNanos());
            if (proxyCredentials(prepared.config())) {
              r = followLean(prepared, r, deadline); // r itself when it is no redirect to follow
            }
          } catch (IOException | RuntimeException e) {
            callback.done(null, describe(prepared.errorPrefix(), e, prepared.timeout()));
            return;
          }
          if (isRedirect(r)
              && !proxyCredentials(prepared.config())
              && followable(prepared.config(), prepared.url(), r.location())) {
            // Rare for exporters: the JDK client follows it as Prometheus would.
            fetchJdk(redirected(prepared, r.location()), callback);
            return;
          }
          Body body;
          try {
            body = leanBody(r);
          } catch (ScrapeException e) {
            callback.done(null, e);
            return;
          }
          callback.done(body, null);
        };
    try {
      blockingIo.execute(scrape);
    } catch (RejectedExecutionException e) {
      callback.done(null, new ScrapeException(prepared.errorPrefix() + "shut down", e));
    }
  }

  /**
   * Whether the config reaches targets through a proxy that wants credentials. The JDK client
   * cannot send those in its CONNECT for an https target: it drops a Basic Proxy-Authorization from
   * tunnel requests (the JDK's {@code jdk.http.auth.tunneling.disabledSchemes=Basic} default, read
   * once per JVM), so the proxy answers 407. Such redirects are followed by lean clients, whose
   * tunnels carry them.
   */
  private static boolean proxyCredentials(HttpClientConfig config) {
    return config.proxyUrl() != null && config.proxyAuth() != null;
  }

  /**
   * Follows the redirect in {@code first} and any after it with one-off lean clients, each with the
   * job's headers and transport for its URL, within the scrape's deadline and at most {@link
   * #MAX_REDIRECTS} hops; returns the first response that is not a redirect to follow.
   */
  private LeanHttpClient.Response followLean(
      Request prepared, LeanHttpClient.Response first, long deadlineNanos) throws IOException {
    URI from = prepared.url();
    LeanHttpClient.Response r = first;
    // With credentials one same-origin hop, as on the JDK client's path (see redirected()).
    for (int hops = 0;
        isRedirect(r)
            && followable(prepared.config(), from, r.location())
            && (hops == 0 || !addsHeaders(prepared.config()));
        hops++) {
      if (hops == MAX_REDIRECTS) {
        throw new IOException("stopped after " + MAX_REDIRECTS + " redirects");
      }
      URI to = from.resolve(r.location());
      if (!LeanHttpClient.supports(to)) {
        throw new IOException("unsupported redirect to " + to.getScheme() + " URL");
      }
      LeanHttpClient hop =
          new LeanHttpClient(
              to,
              leanHeaders(prepared.timeout()),
              prepared.headers(),
              ScrapeTransport.of(to, prepared.config()),
              prepared.maxBodyBytes());
      try {
        r = hop.get(deadlineNanos - System.nanoTime());
      } finally {
        hop.close();
      }
      from = to;
    }
    return r;
  }

  /**
   * Whether a redirect from {@code from} is followed: only with {@code follow_redirects} (the
   * default), and, when the config adds headers (credentials), only to the same scheme, host and
   * port, since Go's client, too, drops credentials on a cross-host redirect.
   */
  private static boolean followable(HttpClientConfig config, URI from, String location) {
    if (!config.followRedirects()) {
      return false;
    }
    if (!addsHeaders(config)) {
      return true;
    }
    try {
      URI to = from.resolve(location);
      return from.getScheme().equalsIgnoreCase(to.getScheme())
          && from.getHost().equalsIgnoreCase(to.getHost())
          && from.getPort() == to.getPort();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * What the JDK client fetches after the lean one got a redirect: the original request, which the
   * JDK client sends again and follows; with credentials, the (same-origin) target itself, by a
   * client that follows nothing further, because the JDK client re-sends every header to wherever
   * it is redirected (Go drops Authorization on a cross-host redirect).
   */
  private static Request redirected(Request prepared, String location) {
    if (!addsHeaders(prepared.config())) {
      return prepared;
    }
    URI to = prepared.url().resolve(location);
    return new Request(
        to,
        prepared.timeout(),
        null,
        null,
        "Get \"" + to + "\": ",
        prepared.config(),
        prepared.headers(),
        prepared.maxBodyBytes());
  }

  /** Whether the config adds request headers (credentials among them). */
  private static boolean addsHeaders(HttpClientConfig config) {
    return config.basicAuth() != null
        || config.authorization() != null
        || !config.headers().isEmpty();
  }

  /** With credentials the JDK client follows no redirect itself: see redirected(). */
  private static JdkClientKey keyOf(HttpClientConfig config) {
    return new JdkClientKey(
        config.tls(), config.proxyUrl(), config.followRedirects() && !addsHeaders(config));
  }

  /**
   * Drops the cached JDK clients that none of {@code configs} (the jobs' settings after a reload)
   * would use. JDK 17's HttpClient has no {@code close()} (it came in 21): a dropped client's
   * selector thread ends by itself once the client is unreachable and has no exchange in flight, so
   * dropping our reference is what frees it; a scrape still running keeps its client until done.
   */
  synchronized void retainJdkClients(Collection<HttpClientConfig> configs) {
    Set<JdkClientKey> used = new HashSet<>();
    for (HttpClientConfig c : configs) {
      used.add(keyOf(c));
    }
    clients.keySet().retainAll(used);
  }

  /** How many JDK clients are cached (one per TLS/proxy/redirect setting used so far). */
  synchronized int jdkClientCount() {
    return clients.size();
  }

  private synchronized HttpClient jdkClient(HttpClientConfig config) throws IOException {
    JdkClientKey key = keyOf(config);
    HttpClient client = clients.get(key);
    if (client == null) {
      HttpClient.Builder b =
          HttpClient.newBuilder()
              .executor(executor)
              .followRedirects(
                  key.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
              // Plain HTTP/1.1 as Prometheus uses by default; no h2c upgrade dance with exporters.
              .version(HttpClient.Version.HTTP_1_1);
      if (!config.tls().equals(TlsConfig.DEFAULT)) {
        TlsMaterial tls = new TlsMaterial(config.tls());
        SSLContext ctx = tls.context();
        SSLParameters params = new SSLParameters();
        params.setProtocols(tls.protocols(ctx.getSupportedSSLParameters().getProtocols()));
        if (config.tls().serverName() != null) {
          // The JDK client sends the URL's host as SNI and verifies the certificate against it;
          // this context's engines use server_name for both, as the lean client does.
          try {
            ctx = new ServerNameSslContext(ctx, config.tls().serverName());
          } catch (IllegalArgumentException e) {
            throw new IOException(
                "invalid TLS server name " + config.tls().serverName() + ": " + e.getMessage(), e);
          }
        }
        b.sslContext(ctx).sslParameters(params);
      }
      if (config.proxyUrl() != null) {
        URI p = config.proxyUrl();
        b.proxy(
            ProxySelector.of(
                new InetSocketAddress(p.getHost(), p.getPort() >= 0 ? p.getPort() : 80)));
      }
      client = b.build();
      clients.put(key, client);
    }
    return client;
  }

  private static boolean isRedirect(LeanHttpClient.Response r) {
    int s = r.status();
    return (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && r.location() != null;
  }

  private void fetchJdk(Request prepared, Callback callback) {
    String prefix = prepared.errorPrefix();
    Duration timeout = prepared.timeout();
    CompletableFuture<HttpResponse<byte[]>> response;
    long maxBody = prepared.maxBodyBytes();
    try {
      HttpRequest http =
          prepared.http() != null
                  && !prepared.headers().dynamic()
                  && prepared.config().equals(HttpClientConfig.DEFAULT)
              ? prepared.http()
              : jdkRequest(prepared);
      response =
          jdkClient(prepared.config()).sendAsync(http, LimitedBodySubscriber.handler(maxBody));
    } catch (IllegalArgumentException e) {
      callback.done(null, new ScrapeException(prefix + e.getMessage(), e));
      return;
    } catch (IOException e) {
      callback.done(null, describe(prefix, e, timeout));
      return;
    }
    // The request timeout only covers the response headers; this one covers the body too.
    response
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenCompleteAsync(
            (r, err) -> {
              if (err != null) {
                callback.done(null, describe(prefix, unwrap(err), timeout));
                return;
              }
              Body body;
              try {
                body =
                    toBody(
                        r.statusCode(),
                        r.body(),
                        r.headers().firstValue("Content-Encoding").orElse(""),
                        r.headers().firstValue("Content-Type").orElse(null),
                        maxBody);
              } catch (ScrapeException e) {
                callback.done(null, e);
                return;
              }
              callback.done(body, null);
            },
            executor);
  }

  /** Stops the I/O threads once their scrapes are done; loops must be stopped first. */
  void shutdown() {
    blockingIo.shutdown();
  }

  /** The body of a lean client's response (decoded by the client), in the client's buffer. */
  private static Body leanBody(LeanHttpClient.Response r) throws ScrapeException {
    if (r.status() != 200) {
      throw new ScrapeException("server returned HTTP status " + r.status(), null);
    }
    return new Body(r.buffer(), r.length(), ExpositionFormat.fromContentType(r.contentType()));
  }

  /** The body of a response; {@code encoding} null when the client already decoded it. */
  private static Body toBody(
      int status, byte[] bytes, String encoding, String contentType, long maxBody)
      throws ScrapeException {
    if (status != 200) {
      throw new ScrapeException("server returned HTTP status " + status, null);
    }
    if (encoding == null) {
      return new Body(bytes, ExpositionFormat.fromContentType(contentType));
    }
    if (encoding.equalsIgnoreCase("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readNBytes((int) Math.min(MAX_BODY_BYTES, maxBody + 1));
      } catch (IOException e) {
        throw new ScrapeException("decompressing gzip response body: " + e.getMessage(), e);
      }
      if (bytes.length > maxBody) { // the limit applies to the decompressed body, as in Prometheus
        throw new ScrapeException("body size limit exceeded", null);
      }
    } else if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
      throw new ScrapeException("unsupported Content-Encoding " + encoding, null);
    }
    return new Body(bytes, ExpositionFormat.fromContentType(contentType));
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static ScrapeException describe(String prefix, Throwable t, Duration timeout) {
    if (t instanceof ScrapeException s) {
      return s;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof LeanHttpClient.BodyTooLargeException) {
        return new ScrapeException(c.getMessage(), c); // Prometheus's error has no URL prefix
      }
    }
    if (t instanceof TimeoutException
        || t instanceof HttpTimeoutException
        || t instanceof SocketTimeoutException) {
      return new ScrapeException(
          prefix + "scrape timed out after " + PromDuration.format(timeout), t);
    }
    if (t instanceof ConnectException) {
      return new ScrapeException(
          prefix + (t.getMessage() != null ? t.getMessage() : "connection refused"), t);
    }
    String msg = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    return new ScrapeException(prefix + msg, t);
  }
}
