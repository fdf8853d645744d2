package dev.vigil.server.scrape;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.format.PromDuration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one target's metrics over HTTP: Prometheus's headers, gzip, the whole-scrape timeout.
 * Asynchronous to its callers, so a slow target never holds a scheduler or worker thread: a
 * plain-http scrape blocks only its own I/O thread, which then also runs the caller's callback.
 */
final class HttpScraper {

  /** A successful response's body (already decompressed) and its declared format. */
  record Body(byte[] bytes, ExpositionFormat format) {}

  /** Java arrays cap a body; Prometheus's body_size_limit is not configurable here yet. */
  private static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

  /** The JDK client, made at the first https or redirected scrape: most setups never need it. */
  private HttpClient client;
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
   * (for plain http, a {@link LeanHttpClient} holding the keep-alive connection, release it with
   * {@link #release}; else the JDK client's request, null when the URL cannot be sent) and the
   * error prefix.
   */
  record Request(
      URI url, Duration timeout, HttpRequest http, LeanHttpClient lean, String errorPrefix) {}

  /** Prepares scrapes of {@code url}; a malformed URL surfaces when {@link #fetch} runs. */
  Request prepare(URI url, Duration timeout) {
    String prefix = "Get \"" + url + "\": ";
    // The one place that picks the client: plain http without credentials in the URL takes the
    // lean one (the common case, where the JDK client's threads cost most per sample); https,
    // and anything else it does not speak, keeps the JDK client. Redirects are followed by
    // handing that scrape to the JDK client (see fetch), which builds its request then: a
    // server scraping only plain http never loads java.net.http (~60 classes and a dozen
    // lambdas at the first scrape).
    if (LeanHttpClient.supports(url) && timeout.compareTo(Duration.ZERO) > 0) {
      LeanHttpClient lean =
          new LeanHttpClient(
              url,
              List.of(
                  "Accept: " + ExpositionFormat.ACCEPT_HEADER,
                  "Accept-Encoding: gzip",
                  "User-Agent: " + userAgent,
                  "X-Prometheus-Scrape-Timeout-Seconds: "
                      + GoFloat.formatF(timeout.toMillis() / 1000.0)),
              MAX_BODY_BYTES);
      return new Request(url, timeout, null, lean, prefix);
    }
    HttpRequest http;
    try {
      http = jdkRequest(url, timeout);
    } catch (IllegalArgumentException e) {
      http = null; // reported by every fetch, as before
      prefix = prefix + e.getMessage();
    }
    return new Request(url, timeout, http, null, prefix);
  }

  /** The JDK client's request: Prometheus's headers; throws IAE for a URL it cannot send. */
  private HttpRequest jdkRequest(URI url, Duration timeout) {
    return HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Accept", ExpositionFormat.ACCEPT_HEADER)
        .header("Accept-Encoding", "gzip")
        .header("User-Agent", userAgent)
        .header(
            "X-Prometheus-Scrape-Timeout-Seconds", GoFloat.formatF(timeout.toMillis() / 1000.0))
        .GET()
        .build();
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
            result.complete(body);
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
          try {
            r = prepared.lean().get(prepared.timeout().toNanos());
          } catch (IOException | RuntimeException e) {
            callback.done(null, describe(prepared.errorPrefix(), e, prepared.timeout()));
            return;
          }
          if (isRedirect(r)) {
            fetchJdk(prepared, callback); // rare for exporters: followed as Prometheus would
            return;
          }
          Body body;
          try {
            body = toBody(r.status(), r.body(), null, r.contentType());
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

  private synchronized HttpClient jdkClient() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .executor(executor)
              .followRedirects(HttpClient.Redirect.NORMAL)
              // Plain HTTP/1.1 as Prometheus uses by default; no h2c upgrade dance with exporters.
              .version(HttpClient.Version.HTTP_1_1)
              .build();
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
    try {
      HttpRequest http =
          prepared.http() != null ? prepared.http() : jdkRequest(prepared.url(), timeout);
      response = jdkClient().sendAsync(http, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IllegalArgumentException e) {
      callback.done(null, new ScrapeException(prefix + e.getMessage(), e));
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
                        r.headers().firstValue("Content-Type").orElse(null));
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

  /** The body of a response; {@code encoding} null when the client already decoded it. */
  private static Body toBody(int status, byte[] bytes, String encoding, String contentType)
      throws ScrapeException {
    if (status != 200) {
      throw new ScrapeException("server returned HTTP status " + status, null);
    }
    if (encoding == null) {
      return new Body(bytes, ExpositionFormat.fromContentType(contentType));
    }
    if (encoding.equalsIgnoreCase("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new ScrapeException("decompressing gzip response body: " + e.getMessage(), e);
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
