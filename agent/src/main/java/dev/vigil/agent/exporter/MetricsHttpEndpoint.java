package dev.vigil.agent.exporter;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.agent.bootstrap.StartupException;
import dev.vigil.agent.config.EndpointSecurity;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Serves metrics over HTTP with the JDK's built-in server, so the agent adds no server library.
 *
 * <p>Requests run on at most two daemon threads that exit after 200 idle milliseconds; when both
 * are busy and the short queue is full, the dispatcher thread answers itself, which slows further
 * accepts instead of queueing scrapes without bound.
 */
public final class MetricsHttpEndpoint implements AutoCloseable {

  private static final int THREADS = 2;
  private static final int QUEUED_REQUESTS = 16;

  /**
   * Far shorter than any sensible scrape interval, so a request thread lives only while a scrape
   * is served: the agent's steady thread cost is the server's dispatcher and idle timer (the
   * overhead benchmark's thread budget), and a new thread per scrape costs microseconds. Long
   * enough that a scraper sending several requests back to back (e.g. a probe, then the scrape)
   * reuses the thread.
   */
  private static final int IDLE_MILLIS = 200;

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final ScrapeHandler handler;

  private MetricsHttpEndpoint(
      HttpServer server, ThreadPoolExecutor executor, ScrapeHandler handler) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
  }

  /**
   * Binds {@code host:port} and starts serving {@code snapshots} on {@code /metrics} over plain
   * HTTP without authentication.
   *
   * @throws StartupException when the host does not resolve or the port cannot be bound
   */
  public static MetricsHttpEndpoint start(
      String host, int port, Supplier<MetricSnapshots> snapshots) {
    return start(host, port, EndpointSecurity.none(), snapshots);
  }

  /**
   * Binds {@code host:port} and starts serving {@code snapshots} (rendered by client_java's
   * writers) on {@code /metrics}, over HTTPS
   * and behind basic authentication as {@code security} says.
   *
   * @throws StartupException when the host does not resolve, the port cannot be bound or the TLS
   *     key store is unusable
   */
  public static MetricsHttpEndpoint start(
      String host, int port, EndpointSecurity security, Supplier<MetricSnapshots> snapshots) {
    return start(host, port, security, new SnapshotExposition(snapshots));
  }

  /**
   * Binds {@code host:port} and starts serving the meters of {@code registry} on {@code /metrics},
   * written straight from the meters (the same bytes client_java's writers would produce from a
   * scrape of the registry, at a fraction of the cost), over HTTPS and behind basic authentication
   * as {@code security} says.
   *
   * @throws StartupException when the host does not resolve, the port cannot be bound or the TLS
   *     key store is unusable
   */
  public static MetricsHttpEndpoint start(
      String host, int port, EndpointSecurity security, PrometheusMeterRegistry registry) {
    return start(host, port, security, new MeterExposition(registry));
  }

  /**
   * As {@link #start(String, int, EndpointSecurity, PrometheusMeterRegistry)}, running {@code
   * beforeScrape} before each scrape is rendered (the agent binds its read-only binders there, at
   * the first scrape, so that the layout sees their meters).
   */
  public static MetricsHttpEndpoint start(
      String host,
      int port,
      EndpointSecurity security,
      PrometheusMeterRegistry registry,
      Runnable beforeScrape) {
    ExpositionSource meters = new MeterExposition(registry);
    return start(
        host,
        port,
        security,
        (format, out) -> {
          beforeScrape.run();
          meters.render(format, out);
        });
  }

  private static MetricsHttpEndpoint start(
      String host, int port, EndpointSecurity security, ExpositionSource source) {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new StartupException(
          "cannot resolve host '" + host + "' of the metrics endpoint (vigil.agent.host)");
    }
    HttpServer server;
    try {
      server = security.tls() ? https(address, security) : HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new StartupException(
          "cannot listen on "
              + host
              + ":"
              + port
              + " (vigil.agent.host, vigil.agent.port): "
              + e.getMessage(),
          e);
    }
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            IDLE_MILLIS,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUED_REQUESTS),
            new DaemonThreadFactory("vigil-agent-http-"),
            new ThreadPoolExecutor.CallerRunsPolicy());
    executor.allowCoreThreadTimeOut(true);
    ScrapeHandler handler = new ScrapeHandler(source);
    HttpContext context = server.createContext("/", handler);
    if (security.authenticates()) {
      context.setAuthenticator(new PasswordCheck(security));
    }
    server.setExecutor(executor);
    server.start();
    return new MetricsHttpEndpoint(server, executor, handler);
  }

  /** The key store is read before binding, so a bad one leaves no port open. */
  private static HttpsServer https(InetSocketAddress address, EndpointSecurity security)
      throws IOException {
    HttpsConfigurator configurator =
        new HttpsConfigurator(
            TlsContext.fromKeyStore(security.keystore(), security.keystorePassword()));
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(configurator);
    return server;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops listening and ends the request threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    handler.close();
  }

  /** Named daemon threads: a scrape in flight must never keep the application's JVM alive. */
  private static final class DaemonThreadFactory implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    DaemonThreadFactory(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
