package dev.vigil.demo.boot;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Calls the demo's own endpoints over HTTP, one round per interval, so its request metrics move
 * with no outside traffic: orders (some invalid, some looked up after they were evicted or never
 * existed), a slow call and a flaky call.
 *
 * <p>It goes through the real HTTP server rather than calling the services directly, because the
 * point is to produce {@code http_server_requests_*}.
 */
final class LoadGenerator
    implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

  private static final System.Logger logger = System.getLogger(LoadGenerator.class.getName());
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Duration interval;
  private final String host;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "demo-load-generator");
            t.setDaemon(true);
            return t;
          });
  private volatile URI base;
  private long round;

  LoadGenerator(Duration interval, String serverAddress) {
    this.interval = interval;
    this.host = loopbackIfWildcard(serverAddress);
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    // A separate management port (management.server.port) fires this event too; only the
    // application's own server serves /api.
    if ("management".equals(event.getApplicationContext().getServerNamespace()) || base != null) {
      return;
    }
    base = URI.create("http://" + host + ":" + event.getWebServer().getPort());
    logger.log(Level.INFO, "Load generator calling {0} every {1}", base, interval);
    scheduler.scheduleWithFixedDelay(
        this::runRound, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }

  private void runRound() {
    try {
      round++;
      ThreadLocalRandom random = ThreadLocalRandom.current();
      // Every tenth order has a zero quantity, so the 400 path shows up in the metrics too.
      int quantity = round % 10 == 0 ? 0 : 1 + random.nextInt(12);
      String order =
          String.format(
              Locale.ROOT,
              "{\"customer\":\"load-%d\",\"lines\":[{\"sku\":\"SKU-%d\",\"quantity\":%d,"
                  + "\"unitPrice\":%d.%02d}]}",
              round % 50,
              random.nextInt(20),
              quantity,
              1 + random.nextInt(40),
              random.nextInt(100));
      send(
          HttpRequest.newBuilder(base.resolve("/api/orders"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(order)));
      // Ids up to a few past the last one placed: mostly hits, some 404s.
      send(HttpRequest.newBuilder(base.resolve("/api/orders/" + (1 + random.nextLong(round + 3)))));
      send(HttpRequest.newBuilder(base.resolve("/api/orders")));
      send(HttpRequest.newBuilder(base.resolve("/api/slow?maxMillis=400")));
      send(HttpRequest.newBuilder(base.resolve("/api/fail?rate=0.2")));
    } catch (IOException e) {
      // The app may be shutting down, or one request timed out: the next round tries again.
      logger.log(Level.DEBUG, "Load generator round failed: {0}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // An exception escaping would silently cancel the schedule; keep generating load.
      logger.log(Level.WARNING, "Load generator round failed", e);
    }
  }

  private void send(HttpRequest.Builder request) throws IOException, InterruptedException {
    client.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
  }

  /** The address to call: the bound one, or loopback when the server listens on every address. */
  private static String loopbackIfWildcard(String serverAddress) {
    if (serverAddress == null || serverAddress.isBlank()) {
      return "127.0.0.1";
    }
    try {
      InetAddress address = InetAddress.getByName(serverAddress);
      if (address.isAnyLocalAddress()) {
        return "127.0.0.1";
      }
      String literal = address.getHostAddress();
      return literal.contains(":") ? "[" + literal + "]" : literal;
    } catch (UnknownHostException e) {
      // Tomcat would already have failed to bind to an unknown host; fall back to the name.
      return serverAddress;
    }
  }
}
