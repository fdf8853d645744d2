package dev.vigil.agent.bootstrap;

/**
 * An expected reason for the agent not to start (bad setting, port in use), whose message is
 * printed as it is because it already names the setting or address to fix.
 */
public class StartupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure described completely by its message. */
  public StartupException(String message) {
    super(message);
  }

  /** A failure described by its message, caused by a lower-level exception. */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
