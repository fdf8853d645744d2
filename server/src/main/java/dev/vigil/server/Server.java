package dev.vigil.server;

import dev.vigil.server.api.v1.ApiV1;
import dev.vigil.server.api.v1.ApiV1Metadata;
import dev.vigil.server.config.Config;
import dev.vigil.server.scrape.ScrapeManager;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.telemetry.BuildInfo;
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

  private Server(Storage storage, ScrapeManager scrapeManager, WebServer web) {
    this.storage = storage;
    this.scrapeManager = scrapeManager;
    this.web = web;
  }

  /** Opens the store, reporting its self-metrics into the server's registry. */
  @FunctionalInterface
  interface StorageOpener {
    Storage open(TelemetryRegistry registry) throws IOException;
  }

  /**
   * Opens the store (replaying its log, before anything can append), then starts everything; the
   * web server answers before the first scrape, and is ready after.
   */
  static Server start(
      Config config, InetSocketAddress listen, BuildInfo build, StorageOpener opener)
      throws IOException {
    return start(config, listen, build, null, opener);
  }

  /**
   * Like {@link #start(Config, InetSocketAddress, BuildInfo, StorageOpener)}, with the status API
   * and {@code /-/reload} backed by {@code state} (no status routes when null).
   */
  static Server start(
      Config config,
      InetSocketAddress listen,
      BuildInfo build,
      ConfigState state,
      StorageOpener opener)
      throws IOException {
    return start(config, listen, build, state, opener, ScrapeManager.DEFAULT_TIMESTAMP_TOLERANCE);
  }

  /**
   * Like {@link #start(Config, InetSocketAddress, BuildInfo, ConfigState, StorageOpener)}, with
   * {@code --scrape.timestamp-tolerance}.
   */
  static Server start(
      Config config,
      InetSocketAddress listen,
      BuildInfo build,
      ConfigState state,
      StorageOpener opener,
      Duration scrapeTimestampTolerance)
      throws IOException {
    TelemetryRegistry registry = new TelemetryRegistry();
    build.register(registry);
    Storage storage = opener.open(registry);
    ScrapeManager scrape;
    WebServer web;
    try {
      scrape = new ScrapeManager(storage, registry, build.version(), scrapeTimestampTolerance);
      web = new WebServer(listen, registry);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    ApiV1.routes(storage, scrape::targets, build, Clock.systemUTC()).forEach(web::route);
    if (state != null) {
      state.onApply(scrape::apply);
      ApiV1Metadata.routes(storage, scrape::metadata, state, Clock.systemUTC())
          .forEach(web::route);
    }
    Server server = new Server(storage, scrape, web);
    try {
      web.start();
      scrape.apply(config);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    web.markReady();
    return server;
  }

  InetSocketAddress address() {
    return web.address();
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
