package dev.vigil.server.api.v1;

import dev.vigil.server.config.ConfigException;
import java.time.Instant;
import java.util.Map;

/**
 * What the status endpoints and {@code /-/reload} need from the running server: the loaded
 * configuration, the flags, and a way to reload. Implemented by the server's wiring.
 */
public interface ServerState {

  /** The configuration file's text as last loaded successfully. */
  String configYaml();

  /** Command-line flags by name (without dashes), values as given or defaulted. */
  Map<String, String> flags();

  /** When the server started. */
  Instant startTime();

  /** When the running configuration was loaded. */
  Instant lastConfigTime();

  /** Whether the last load or reload succeeded. */
  boolean reloadConfigSuccess();

  /** Whether {@code /-/reload} is allowed ({@code --web.enable-lifecycle}). */
  boolean lifecycleEnabled();

  /**
   * Re-reads the configuration file and applies it; on failure the old configuration keeps
   * running.
   *
   * @throws ConfigException naming file and line when the new file is invalid
   */
  void reload() throws ConfigException;
}
