package dev.vigil.server.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * The HTTP server: the JDK's {@code HttpServer} on a small bounded thread pool, exact-path routing,
 * a readiness gate, gzip for clients that accept it, and the built-in {@code /-/healthy}, {@code
 * /-/ready} and {@code /metrics}. A failing endpoint yields a 500 JSON error; the server keeps
 * serving.
 */
public final class WebServer implements AutoCloseable {

  private static final Logger logger = System.getLogger(WebServer.class.getName());
  private static final int MAX_BODY_BYTES = 8 << 20;

  /**
   * Made at the first internal error, not at start: Jackson's factory costs ~40 classes and a
   * few ms of start-up CPU, and most servers never answer a 500.
   */
  private static final class Json {
    static final JsonFactory FACTORY = new JsonFactory();
  }

  /** A route: its endpoint and whether it waits for readiness. */
  private record Route(WebEndpoint endpoint, boolean gated) {}

  private final InetSocketAddress requestedAddress;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  /** Routes whose path has {@code :param} segments, tried in order when no exact route fits. */
  private final List<Map.Entry<String[], Route>> patterns = new CopyOnWriteArrayList<>();
  private final WebMetrics metrics;
  private final ThreadPoolExecutor executor;
  private volatile boolean ready;
  private HttpServer server;

  /** Exchanges being served; close() waits for them before closing connections. */
  private final Object idle = new Object();

  private int inFlight;

  /**
   * Creates a server that will listen on {@code address} (port 0 picks a free port) once started.
   */
  public WebServer(InetSocketAddress address, TelemetryRegistry registry) {
    this.requestedAddress = address;
    this.metrics = new WebMetrics(registry);
    AtomicInteger n = new AtomicInteger();
    // Few threads, short queue: when full the accepting thread serves the request itself,
    // which slows intake instead of dropping connections. Idle threads exit after a minute
    // (core ones too), so a server nobody queries keeps no request threads and their stacks.
    this.executor =
        new ThreadPoolExecutor(
            4,
            4,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(64),
            r -> {
              Thread t = new Thread(r, "vigil-web-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    executor.allowCoreThreadTimeOut(true);
    route("/-/healthy", r -> WebResponse.text(200, "Vigil Server is Healthy.\n"), false);
    route(
        "/-/ready",
        r ->
            ready
                ? WebResponse.text(200, "Vigil Server is Ready.\n")
                : WebResponse.text(503, "Service Unavailable"),
        false);
    route(
        "/metrics",
        r ->
            new WebResponse(
                200,
                "text/plain; version=0.0.4; charset=utf-8",
                registry.exposition().getBytes(StandardCharsets.UTF_8),
                Map.of()),
        false);
  }

  /** Adds a route that answers 503 until {@link #markReady()}, as Prometheus's API does. */
  public void route(String path, WebEndpoint endpoint) {
    route(path, endpoint, true);
  }

  /**
   * Adds a route. A path segment starting with {@code :} (as in {@code
   * /api/v1/label/:name/values}) matches any one non-empty segment; the endpoint reads it from
   * {@link WebRequest#path()}. Such routes are counted in metrics under their pattern.
   */
  private void route(String path, WebEndpoint endpoint, boolean gated) {
    if (path.contains("/:")) {
      if (routes.putIfAbsent(path, new Route(endpoint, gated)) != null) {
        throw new IllegalArgumentException("route " + path + " already registered");
      }
      patterns.add(Map.entry(path.split("/", -1), new Route(endpoint, gated)));
      return;
    }
    if (routes.putIfAbsent(path, new Route(endpoint, gated)) != null) {
      throw new IllegalArgumentException("route " + path + " already registered");
    }
  }

  /** Binds and starts serving. */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: every response waited ~40 ms (measured by bench/dashboard-latency.sh). The JDK
    // reads this property once, when its first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(requestedAddress, 128);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  /** The bound address (with the real port when 0 was requested). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Opens the readiness gate. */
  public void markReady() {
    ready = true;
  }

  public boolean isReady() {
    return ready;
  }

  /** Lets running exchanges finish (for up to a second), stops accepting, stops the threads. */
  @Override
  public synchronized void close() {
    if (server != null) {
      awaitIdle(1000);
      // stop(0): the JDK 17 server would otherwise always sleep the whole delay (JDK-8304065).
      server.stop(0);
      server = null;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void dispatch(HttpExchange exchange) {
    synchronized (idle) {
      inFlight++;
    }
    try {
      serve(exchange);
    } finally {
      exchange.close();
      synchronized (idle) {
        if (--inFlight == 0) {
          idle.notifyAll();
        }
      }
    }
  }

  private void awaitIdle(long maxMillis) {
    long deadline = System.currentTimeMillis() + maxMillis;
    synchronized (idle) {
      long left;
      while (inFlight > 0 && (left = deadline - System.currentTimeMillis()) > 0) {
        try {
          idle.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void serve(HttpExchange exchange) {
    String path = exchange.getRequestURI().getRawPath();
    Route route = path.contains("/:") ? null : routes.get(path);
    String handlerLabel = route == null ? "other" : path;
    if (route == null) {
      Map.Entry<String[], Route> match = matchPattern(path);
      if (match != null) {
        route = match.getValue();
        handlerLabel = String.join("/", match.getKey());
      }
    }
    WebResponse response;
    try {
      if (route == null && !ready) {
        // Routes are registered once the store is open; until then every path is "starting".
        response = WebResponse.text(503, "Service Unavailable");
      } else if (route == null) {
        response = WebResponse.text(404, "404 page not found\n");
      } else if (route.gated() && !ready) {
        response = WebResponse.text(503, "Service Unavailable");
      } else {
        response = route.endpoint().handle(toRequest(exchange));
      }
    } catch (BadRequestException e) {
      response = WebResponse.text(e.status, e.getMessage() + "\n");
    } catch (Exception e) {
      logger.log(Level.ERROR, "handler for " + path + " failed", e);
      response = internalError(e);
    }
    metrics.requests.labels(handlerLabel, Integer.toString(response.status())).inc();
    try {
      send(exchange, response);
    } catch (IOException e) {
      // The client went away; nothing to tell it.
      logger.log(Level.DEBUG, () -> "writing response for " + path + " failed: " + e);
    }
  }

  private Map.Entry<String[], Route> matchPattern(String path) {
    String[] segments = path.split("/", -1);
    for (Map.Entry<String[], Route> p : patterns) {
      String[] want = p.getKey();
      if (want.length != segments.length) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i < want.length && ok; i++) {
        ok = want[i].startsWith(":") ? !segments[i].isEmpty() : want[i].equals(segments[i]);
      }
      if (ok) {
        return p;
      }
    }
    return null;
  }

  private static WebResponse internalError(Throwable e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", "error");
      g.writeStringField("errorType", "internal");
      g.writeStringField("error", String.valueOf(e.getMessage() != null ? e.getMessage() : e));
      g.writeEndObject();
    } catch (IOException ioe) {
      throw new UncheckedIOException(ioe);
    }
    return WebResponse.json(500, out.toByteArray());
  }

  private static WebRequest toRequest(HttpExchange exchange)
      throws IOException, BadRequestException {
    Map<String, List<String>> params = new LinkedHashMap<>();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    try {
      if (method.equals("POST")
          && contentType != null
          && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        WebRequest.decodeForm(readBody(exchange), params);
      }
      WebRequest.decodeForm(exchange.getRequestURI().getRawQuery(), params);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(400, "invalid form or query parameters: " + e.getMessage());
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    return new WebRequest(method, exchange.getRequestURI().getRawPath(), headers, params);
  }

  private static String readBody(HttpExchange exchange) throws IOException, BadRequestException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new BadRequestException(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static void send(HttpExchange exchange, WebResponse response) throws IOException {
    byte[] body = response.body();
    var h = exchange.getResponseHeaders();
    h.set("Content-Type", response.contentType());
    response.headers().forEach(h::set);
    if (body.length > 0 && acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(body.length / 4 + 64);
      try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
        gz.write(body);
      }
      body = buf.toByteArray();
      h.set("Content-Encoding", "gzip");
      h.set("Vary", "Accept-Encoding");
    }
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    // Length -1 means "no body"; 0 would mean chunked to the JDK server.
    exchange.sendResponseHeaders(response.status(), body.length == 0 || head ? -1 : body.length);
    if (body.length > 0 && !head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Whether an Accept-Encoding header lists gzip with a non-zero weight. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] bits = part.trim().split(";");
      String coding = bits[0].trim().toLowerCase(Locale.ROOT);
      if (!coding.equals("gzip") && !coding.equals("*")) {
        continue;
      }
      double q = 1;
      for (int i = 1; i < bits.length; i++) {
        String p = bits[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (q > 0) {
        return true;
      }
    }
    return false;
  }

  /** A request we refuse before it reaches an endpoint. */
  private static final class BadRequestException extends Exception {
    private final int status;

    BadRequestException(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
