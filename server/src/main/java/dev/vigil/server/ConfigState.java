package dev.vigil.server;

import dev.vigil.server.api.v1.ServerState;
import dev.vigil.server.config.Config;
import dev.vigil.server.config.ConfigException;
import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.config.SecretRedactor;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The server's configuration lifecycle for the status API and {@code /-/reload}: the file, the
 * text last applied, when, and whether the last attempt worked. A failed reload changes nothing
 * but the success flag, so the old configuration keeps running.
 */
final class ConfigState implements ServerState {

  private static final Logger logger = System.getLogger(ConfigState.class.getName());

  private final Path configFile;
  private final Map<String, String> flags;
  private final boolean lifecycleEnabled;
  private final Clock clock;
  private final Instant startTime;
  private Consumer<Config> apply = c -> {};
  private volatile String yaml;
  private volatile Instant lastConfigTime;
  private volatile boolean success = true;

  ConfigState(Path configFile, Map<String, String> flags, boolean lifecycleEnabled, Clock clock) {
    this.configFile = configFile;
    this.flags = Map.copyOf(flags);
    this.lifecycleEnabled = lifecycleEnabled;
    this.clock = clock;
    this.startTime = clock.instant();
    this.lastConfigTime = startTime;
    this.yaml = readText();
  }

  /** Where reloaded configurations go (the scrape manager); set once while wiring. */
  synchronized void onApply(Consumer<Config> apply) {
    this.apply = apply;
  }

  @Override
  public synchronized void reload() throws ConfigException {
    Config config;
    try {
      config = ConfigLoader.load(configFile);
    } catch (ConfigException e) {
      success = false;
      logger.log(Level.ERROR, "error reloading config: " + e.getMessage());
      throw e;
    }
    apply.accept(config);
    yaml = readText();
    lastConfigTime = clock.instant();
    success = true;
    logger.log(Level.INFO, "Completed loading of configuration file " + configFile);
  }

  private String readText() {
    try {
      // Shown by /api/v1/status/config: secrets become <secret>, as Prometheus prints them.
      return SecretRedactor.redact(Files.readString(configFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The loader just read it; a vanished file shows as empty rather than failing the API.
      return "";
    }
  }

  @Override
  public String configYaml() {
    return yaml;
  }

  @Override
  public Map<String, String> flags() {
    return flags;
  }

  @Override
  public Instant startTime() {
    return startTime;
  }

  @Override
  public Instant lastConfigTime() {
    return lastConfigTime;
  }

  @Override
  public boolean reloadConfigSuccess() {
    return success;
  }

  @Override
  public boolean lifecycleEnabled() {
    return lifecycleEnabled;
  }
}
