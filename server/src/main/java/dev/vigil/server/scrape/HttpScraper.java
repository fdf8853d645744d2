package dev.vigil.server.scrape;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.format.PromDuration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one target's metrics over HTTP: Prometheus's headers, gzip, the whole-scrape timeout.
 * Asynchronous, so a slow target never holds a scheduler thread.
 */
final class HttpScraper {

  /** A successful response's body (already decompressed) and its declared format. */
  record Body(byte[] bytes, ExpositionFormat format) {}

  private final HttpClient client;
  private final Executor executor;
  private final String userAgent;

  HttpScraper(Executor executor, String version) {
    this.executor = executor;
    this.client =
        HttpClient.newBuilder()
            .executor(executor)
            .followRedirects(HttpClient.Redirect.NORMAL)
            // Plain HTTP/1.1 as Prometheus uses by default; no h2c upgrade dance with exporters.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.userAgent = "Vigil/" + version;
  }

  /**
   * A prepared scrape of one URL: the request (immutable, so one per target serves every scrape)
   * and the error prefix, built once instead of per scrape.
   */
  record Request(URI url, Duration timeout, HttpRequest http, String errorPrefix) {}

  /** Prepares scrapes of {@code url}; a malformed URL surfaces when {@link #fetch} runs. */
  Request prepare(URI url, Duration timeout) {
    String prefix = "Get \"" + url + "\": ";
    HttpRequest http;
    try {
      http =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .header("Accept", ExpositionFormat.ACCEPT_HEADER)
              .header("Accept-Encoding", "gzip")
              .header("User-Agent", userAgent)
              .header(
                  "X-Prometheus-Scrape-Timeout-Seconds",
                  GoFloat.formatF(timeout.toMillis() / 1000.0))
              .GET()
              .build();
    } catch (IllegalArgumentException e) {
      http = null; // reported by every fetch, as before
      prefix = prefix + e.getMessage();
    }
    return new Request(url, timeout, http, prefix);
  }

  /**
   * Scrapes {@code url}; completes exceptionally with a {@link ScrapeException} whose message is
   * fit for the targets page.
   */
  CompletableFuture<Body> fetch(URI url, Duration timeout) {
    return fetch(prepare(url, timeout));
  }

  /** Scrapes as prepared; see {@link #fetch(URI, Duration)}. */
  CompletableFuture<Body> fetch(Request prepared) {
    String prefix = prepared.errorPrefix();
    Duration timeout = prepared.timeout();
    if (prepared.http() == null) {
      return CompletableFuture.failedFuture(new ScrapeException(prefix, null));
    }
    CompletableFuture<HttpResponse<byte[]>> response;
    try {
      response = client.sendAsync(prepared.http(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new ScrapeException(prefix + e.getMessage(), e));
    }
    // The request timeout only covers the response headers; this one covers the body too.
    return response
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handleAsync(
            (r, err) -> {
              if (err != null) {
                throw new CompletionException(describe(prefix, unwrap(err), timeout));
              }
              try {
                return toBody(r);
              } catch (ScrapeException e) {
                throw new CompletionException(e);
              }
            },
            executor);
  }

  private static Body toBody(HttpResponse<byte[]> r) throws ScrapeException {
    if (r.statusCode() != 200) {
      throw new ScrapeException("server returned HTTP status " + r.statusCode(), null);
    }
    byte[] bytes = r.body();
    String encoding = r.headers().firstValue("Content-Encoding").orElse("");
    if (encoding.equalsIgnoreCase("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new ScrapeException("decompressing gzip response body: " + e.getMessage(), e);
      }
    } else if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
      throw new ScrapeException("unsupported Content-Encoding " + encoding, null);
    }
    String contentType = r.headers().firstValue("Content-Type").orElse(null);
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
    if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
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
