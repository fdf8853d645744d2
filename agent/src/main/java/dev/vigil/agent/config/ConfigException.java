package dev.vigil.agent.config;

import dev.vigil.agent.bootstrap.StartupException;

/** A setting with a value the agent cannot use; the message names the setting and its source. */
public final class ConfigException extends StartupException {

  private static final long serialVersionUID = 1L;

  ConfigException(String message) {
    super(message);
  }
}
