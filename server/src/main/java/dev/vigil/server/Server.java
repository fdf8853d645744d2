package dev.vigil.server;

import dev.vigil.server.api.v1.ApiV1;
import dev.vigil.server.api.v1.ApiV1Metadata;
import dev.vigil.server.config.Config;
import dev.vigil.server.promql.engine.Engine;
import dev.vigil.server.scrape.ScrapeManager;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.telemetry.BuildInfo;
import dev.vigil.server.telemetry.ProcessMetrics;
import dev.vigil.server.telemetry.TelemetryRegistry;
import dev.vigil.server.web.WebServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * The running server: storage, scraping and the web server, wired together and stopped in the
 * reverse order of data flow (scraping first, so no appends hit a closing store).
 */
final class Server implements AutoCloseable {

  private final Storage storage;
  private final ScrapeManager scrapeManager;
  private final WebServer web;
  private final TelemetryRegistry registry;

  private Server(
      Storage storage, ScrapeManager scrapeManager, WebServer web, TelemetryRegistry registry) {
    this.storage = storage;
    this.scrapeManager = scrapeManager;
    this.web = web;
    this.registry = registry;
  }

  /** Opens the store, reporting its self-metrics into the server's registry. */
  @FunctionalInterface
  interface StorageOpener {
    Storage open(TelemetryRegistry registry) throws IOException;
  }

  /**
   * Starts the web server, opens the store (replaying its log, before anything can append), then
   * starts scraping; the web server answers {@code /-/healthy} during the replay and is ready
   * after the first scrape configuration is applied.
   */
  static Server start(
      Config config, InetSocketAddress listen, BuildInfo build, StorageOpener opener)
      throws IOException {
    return start(config, listen, build, null, opener);
  }

  /**
   * Like {@link #start(Config, InetSocketAddress, BuildInfo, StorageOpener)}, with the status API
   * and {@code /-/reload} backed by {@code state} (no status routes when null).
   *
   * @throws StorageOpenException when the store cannot be opened (the web server is stopped)
   * @throws IOException when the web server cannot bind
   */
  static Server start(
      Config config,
      InetSocketAddress listen,
      BuildInfo build,
      ConfigState state,
      StorageOpener opener)
      throws IOException {
    return start(
        config, listen, build, state, QueryFlags.Settings.DEFAULTS,
        ScrapeManager.DEFAULT_TIMESTAMP_TOLERANCE, opener);
  }

  /**
   * Like {@link #start(Config, InetSocketAddress, BuildInfo, ConfigState, StorageOpener)}, with
   * the engine and parser settings of the {@code --query.*} and {@code --enable-feature} flags
   * and {@code --scrape.timestamp-tolerance}.
   *
   * @throws StorageOpenException when the store cannot be opened (the web server is stopped)
   * @throws IOException when the web server cannot bind
   */
  static Server start(
      Config config,
      InetSocketAddress listen,
      BuildInfo build,
      ConfigState state,
      QueryFlags.Settings query,
      Duration scrapeTimestampTolerance,
      StorageOpener opener)
      throws IOException {
    TelemetryRegistry registry = new TelemetryRegistry();
    build.register(registry);
    ProcessMetrics.register(registry);
    // Listening before the replay lets orchestrators see the process alive (/-/healthy) while a
    // large WAL replays, as Prometheus does; every other route answers 503 until markReady, so
    // nothing reads the half-loaded store.
    StartupTrace.mark("telemetry registry");
    WebServer web = new WebServer(listen, registry);
    web.start();
    StartupTrace.mark("web started");
    Storage storage;
    try {
      storage = opener.open(registry);
    } catch (IOException | RuntimeException e) {
      web.close();
      throw new StorageOpenException(e);
    }
    StartupTrace.mark("tsdb open");
    ScrapeManager scrape;
    try {
      scrape = new ScrapeManager(storage, registry, build.version(), scrapeTimestampTolerance);
    } catch (RuntimeException e) {
      web.close();
      storage.close();
      throw e;
    }
    StartupTrace.mark("scrape manager");
    Server server = new Server(storage, scrape, web, registry);
    try {
      Engine engine = new Engine(storage, query.engine(), query.parser());
      ApiV1.routes(engine, scrape::targets, build, Clock.systemUTC()).forEach(web::route);
      if (state != null) {
        state.onApply(scrape::apply);
        ApiV1Metadata.routes(storage, scrape::metadata, state, Clock.systemUTC())
            .forEach(web::route);
      }
      StartupTrace.mark("engine+api routes");
      scrape.apply(config);
      StartupTrace.mark("scrape apply");
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    web.markReady();
    return server;
  }

  /** The store could not be opened; carries the opener's exception as its cause. */
  static final class StorageOpenException extends IOException {
    StorageOpenException(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }

  InetSocketAddress address() {
    return web.address();
  }

  /** The registry behind {@code /metrics}, for components started after the server. */
  TelemetryRegistry registry() {
    return registry;
  }

  /** Stops scraping, then the web server, then the store. */
  @Override
  public void close() {
    try {
      scrapeManager.close();
    } finally {
      try {
        web.close();
      } finally {
        storage.close();
      }
    }
  }
}
