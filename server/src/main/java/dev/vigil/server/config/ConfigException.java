package dev.vigil.server.config;

/**
 * A configuration file that cannot be used, with the place and the reason: {@code prometheus.yml:7:
 * unknown field "scrape_intervall" in scrape_config}.
 */
public final class ConfigException extends Exception {

  private final String file;
  private final int line;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param line 1-based line number, or 0 when the problem is the file as a whole
   */
  public ConfigException(String file, int line, String reason) {
    this(file, line, reason, null);
  }

  public ConfigException(String file, int line, String reason, Throwable cause) {
    super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason, cause);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the problem concerns the whole file (e.g. it cannot be read). */
  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
