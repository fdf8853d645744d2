package dev.vigil.agent.config;

import java.util.Locale;

/**
 * The agent's settings, one row each: system property, documented default and meaning. The
 * environment variable is derived from the property ({@code vigil.agent.port} → {@code
 * VIGIL_AGENT_PORT}), and {@code agent/README.md} lists every row (a test keeps them in step).
 */
public enum Setting {
  /** The {@code application} label. */
  APPLICATION(
      "vigil.application",
      "main class simple name, or jar file name without `.jar`",
      "Value of the `application` label on every series."),
  /** The endpoint's address. */
  HOST("vigil.agent.host", "`0.0.0.0`", "Address the metrics endpoint listens on."),
  /** The endpoint's port. */
  PORT("vigil.agent.port", "`9404`", "Port of the metrics endpoint (1-65535)."),
  /** Verbose failures. */
  DEBUG(
      "vigil.agent.debug",
      "`false`",
      "`true` prints stack traces and debug lines of the agent to stderr."),
  /** The optional settings file. */
  CONFIG_FILE(
      "vigil.config.file",
      "none",
      "Path of a settings file with `key=value` lines using the system property names of this"
          + " table; read only from the system property or environment variable."),
  /** The optional {@code instance} label. */
  INSTANCE(
      "vigil.instance",
      "none (no label)",
      "Value of an `instance` label on every series; leave unset when Prometheus scrapes the"
          + " agent, which sets `instance` to the target itself."),
  /** Basic auth user. */
  AUTH_USERNAME(
      "vigil.agent.auth.username",
      "none (no authentication)",
      "User name that HTTP basic authentication of the endpoint requires; needs"
          + " `vigil.agent.auth.password`."),
  /** Basic auth password or its SHA-256. */
  AUTH_PASSWORD(
      "vigil.agent.auth.password",
      "none",
      "Password for basic authentication, either as is or as `{sha256}` followed by the hex"
          + " SHA-256 of the password's UTF-8 bytes."),
  /** TLS key store. */
  TLS_KEYSTORE(
      "vigil.agent.tls.keystore",
      "none (plain HTTP)",
      "Path of a PKCS12 or JKS key store with the endpoint's key and certificate; when set, the"
          + " endpoint speaks HTTPS only."),
  /** TLS key store password. */
  TLS_KEYSTORE_PASSWORD(
      "vigil.agent.tls.keystore-password",
      "none",
      "Password of the key store, used for the key as well."),
  /** Host metrics under node_exporter's names. */
  HOST_METRICS(
      "vigil.metrics.host.enabled",
      "`true`",
      "`false` leaves out the host metrics under node_exporter's names (`node_cpu_seconds_total`,"
          + " `node_memory_MemTotal_bytes`, ...; see `docs/host-metrics.md`)."),
  /** When the instrumentation is installed. */
  INSTRUMENTATION_INSTALL(
      "vigil.instrumentation.install",
      "`idle`",
      "`idle` starts the metrics registry and the endpoint and then installs the instrumentation"
          + " once the application's start-up burst has passed (the rest of the process used less"
          + " than half of the processors over the last 50-250 ms), at most about 5 s after the"
          + " JVM started, so the agent does not slow the start; until then the endpoint does not"
          + " answer (a port already in use is reported then), and GC pauses and requests before"
          + " that are not counted. `immediate` does all of it before the application's `main`"
          + " runs, so that the very first GC pauses and requests are counted, and delays `main`"
          + " by the agent's start (about 0.5-1 s of CPU).");

  private static final String INSTRUMENTATION_PREFIX = "vigil.instrumentation.";
  private static final String INSTRUMENTATION_SUFFIX = ".enabled";

  private final String property;
  private final String documentedDefault;
  private final String description;

  Setting(String property, String documentedDefault, String description) {
    this.property = property;
    this.documentedDefault = documentedDefault;
    this.description = description;
  }

  /** The system property, e.g. {@code vigil.agent.port}. */
  public String property() {
    return property;
  }

  /** The environment variable, e.g. {@code VIGIL_AGENT_PORT}. */
  public String environmentVariable() {
    return environmentVariable(property);
  }

  /** The default as the README states it (Markdown). */
  public String documentedDefault() {
    return documentedDefault;
  }

  /** What the setting does, in one sentence. */
  public String description() {
    return description;
  }

  /** The setting whose system property is {@code property}, or null. */
  static Setting forProperty(String property) {
    for (Setting setting : values()) {
      if (setting.property.equals(property)) {
        return setting;
      }
    }
    return null;
  }

  /** The property that switches the instrumentation module {@code moduleName} on or off. */
  public static String instrumentationSwitch(String moduleName) {
    return INSTRUMENTATION_PREFIX + moduleName + INSTRUMENTATION_SUFFIX;
  }

  /**
   * The environment variable spelling of a property: upper case, dots and dashes as underscores.
   */
  static String environmentVariable(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
