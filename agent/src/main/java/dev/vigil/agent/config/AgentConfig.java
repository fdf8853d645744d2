package dev.vigil.agent.config;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The agent's settings, resolved once at startup: a system property wins over the environment
 * variable, which wins over the default.
 *
 * <p>A blank value counts as unset, so that {@code VIGIL_AGENT_PORT=} in a container spec falls
 * back to the default instead of failing. Any other unusable value fails startup with a message
 * naming the setting and where it came from. This runs in premain, so it is written without
 * lambdas, streams or {@code String.format} (see {@code AgentStarter}).
 */
public final class AgentConfig {

  private static final String DEFAULT_HOST = "0.0.0.0";
  private static final int DEFAULT_PORT = 9404;

  private final UnaryOperator<String> systemProperties;
  private final UnaryOperator<String> environment;
  private final String application;
  private final String host;
  private final int port;
  private final boolean debug;
  private final boolean hostMetrics;

  private AgentConfig(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
    this.systemProperties = systemProperties;
    this.environment = environment;
    Value application = lookup(Setting.APPLICATION.property());
    this.application =
        application != null
            ? application.text()
            : ApplicationName.derive(
                systemProperties.apply("sun.java.command"), systemProperties.apply("user.dir"));
    Value host = lookup(Setting.HOST.property());
    this.host = host != null ? host.text() : DEFAULT_HOST;
    Value port = lookup(Setting.PORT.property());
    this.port = port != null ? parsePort(port) : DEFAULT_PORT;
    this.debug = flag(Setting.DEBUG.property(), false);
    this.hostMetrics = flag(Setting.HOST_METRICS.property(), true);
  }

  /** Reads the settings of this JVM. */
  public static AgentConfig fromSystem() {
    return load(SystemSource.PROPERTIES, SystemSource.ENVIRONMENT);
  }

  /**
   * Reads the settings from the given lookups (name to value, {@code null} when absent).
   *
   * @throws ConfigException when a value is set but unusable
   */
  public static AgentConfig load(
      UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
    return new AgentConfig(systemProperties, environment);
  }

  /** The value of the {@code application} label. */
  public String application() {
    return application;
  }

  /** The address the metrics endpoint binds to. */
  public String host() {
    return host;
  }

  /** The port the metrics endpoint binds to. */
  public int port() {
    return port;
  }

  /** Whether failures print stack traces. */
  public boolean debug() {
    return debug;
  }

  /** Whether host metrics under node_exporter's names are bound. */
  public boolean hostMetrics() {
    return hostMetrics;
  }

  /**
   * Whether the instrumentation module {@code name} is on: {@code
   * vigil.instrumentation.<name>.enabled}, else its own default.
   *
   * @throws ConfigException when the switch is set to something other than true or false
   */
  public boolean instrumentationEnabled(String name, boolean enabledByDefault) {
    return flag(Setting.instrumentationSwitch(name), enabledByDefault);
  }

  private boolean flag(String property, boolean defaultValue) {
    Value value = lookup(property);
    return value != null ? parseBoolean(value) : defaultValue;
  }

  /** The property's value and where it came from, or null when it is not set. */
  private Value lookup(String property) {
    String fromProperty = systemProperties.apply(property);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return new Value(property, fromProperty.trim(), "system property -D" + property);
    }
    String variable = Setting.environmentVariable(property);
    String fromEnvironment = environment.apply(variable);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new Value(property, fromEnvironment.trim(), "environment variable " + variable);
    }
    return null;
  }

  private static int parsePort(Value value) {
    try {
      int port = Integer.parseInt(value.text());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // Reported below with the same message as an out-of-range number.
    }
    throw value.invalid("a port number between 1 and 65535");
  }

  /**
   * Strict on purpose: {@code Boolean.parseBoolean} would read a typo such as {@code flase} as
   * false and silently switch an instrumentation off.
   */
  private static boolean parseBoolean(Value value) {
    String text = value.text().toLowerCase(Locale.ROOT);
    if (text.equals("true")) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw value.invalid("true or false");
  }

  /** A setting's raw value together with where it was found, for error messages. */
  private static final class Value {
    private final String property;
    private final String text;
    private final String source;

    Value(String property, String text, String source) {
      this.property = property;
      this.text = text;
      this.source = source;
    }

    String text() {
      return text;
    }

    ConfigException invalid(String expected) {
      return new ConfigException(
          "invalid " + property + " '" + text + "' (from " + source + "): expected " + expected);
    }
  }

  /** This JVM's system properties and environment, as lookups (no lambdas: see class doc). */
  private enum SystemSource implements UnaryOperator<String> {
    PROPERTIES {
      @Override
      public String apply(String name) {
        return System.getProperty(name);
      }
    },
    ENVIRONMENT {
      @Override
      public String apply(String name) {
        return System.getenv(name);
      }
    }
  }
}
