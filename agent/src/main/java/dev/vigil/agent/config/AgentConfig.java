package dev.vigil.agent.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The agent's settings, resolved once at startup from the {@link SettingSources} (system property,
 * then environment variable, then settings file, then the default).
 *
 * <p>A blank value counts as unset, so that {@code VIGIL_AGENT_PORT=} in a container spec falls
 * back to the default instead of failing. Any other unusable value fails startup with a message
 * naming the setting and where it came from. This runs in premain, so it is written without
 * lambdas, streams or {@code String.format} (see {@code AgentStarter}).
 */
public final class AgentConfig {

  private static final String DEFAULT_HOST = "0.0.0.0";
  private static final int DEFAULT_PORT = 9404;

  private final SettingSources sources;
  private final String application;
  private final String instance;
  private final String host;
  private final int port;
  private final boolean debug;
  private final boolean hostMetrics;
  private final boolean installImmediately;
  private final EndpointSecurity security;

  private AgentConfig(SettingSources sources, Map<String, String> systemProperties) {
    this.sources = sources;
    SettingValue application = sources.lookup(Setting.APPLICATION.property());
    this.application =
        application != null
            ? application.text()
            : ApplicationName.derive(
                systemProperties.get("sun.java.command"), systemProperties.get("user.dir"));
    this.instance = text(Setting.INSTANCE);
    String host = text(Setting.HOST);
    this.host = host != null ? host : DEFAULT_HOST;
    SettingValue port = sources.lookup(Setting.PORT.property());
    this.port = port != null ? parsePort(port) : DEFAULT_PORT;
    this.debug = flag(Setting.DEBUG.property(), false);
    this.hostMetrics = flag(Setting.HOST_METRICS.property(), true);
    SettingValue install = sources.lookup(Setting.INSTRUMENTATION_INSTALL.property());
    this.installImmediately = install != null && parseInstall(install);
    this.security =
        EndpointSecurity.from(
            sources.lookup(Setting.AUTH_USERNAME.property()),
            sources.lookup(Setting.AUTH_PASSWORD.property()),
            sources.lookup(Setting.TLS_KEYSTORE.property()),
            sources.lookup(Setting.TLS_KEYSTORE_PASSWORD.property()));
  }

  /** Reads the settings of this JVM. */
  public static AgentConfig fromSystem() {
    Properties properties = System.getProperties();
    Map<String, String> copy = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      copy.put(name, properties.getProperty(name));
    }
    return load(copy, System.getenv());
  }

  /**
   * Reads the settings from the given system properties and environment (and the settings file
   * they name, if any).
   *
   * @throws ConfigException when a value is set but unusable, or the settings file is unreadable
   */
  public static AgentConfig load(
      Map<String, String> systemProperties, Map<String, String> environment) {
    return new AgentConfig(SettingSources.of(systemProperties, environment), systemProperties);
  }

  /** The value of the {@code application} label. */
  public String application() {
    return application;
  }

  /** The value of the {@code instance} label, or null when the agent adds none. */
  public String instance() {
    return instance;
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
   * Whether the instrumentation is installed before the application's {@code main} runs ({@code
   * immediate}) rather than once its start-up burst has passed ({@code idle}, the default).
   */
  public boolean installImmediately() {
    return installImmediately;
  }

  /** Basic authentication and TLS of the endpoint. */
  public EndpointSecurity security() {
    return security;
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

  /**
   * Warnings for every {@code vigil.*} setting in any source that is neither in {@link Setting}
   * nor the switch of one of {@code moduleNames}.
   */
  public List<String> unknownSettings(List<String> moduleNames) {
    Set<String> known = new HashSet<>();
    for (Setting setting : Setting.values()) {
      known.add(setting.property());
    }
    for (String module : moduleNames) {
      known.add(Setting.instrumentationSwitch(module));
    }
    return sources.unknownSettings(known);
  }

  private String text(Setting setting) {
    SettingValue value = sources.lookup(setting.property());
    return value != null ? value.text() : null;
  }

  private boolean flag(String property, boolean defaultValue) {
    SettingValue value = sources.lookup(property);
    return value != null ? parseBoolean(value) : defaultValue;
  }

  private static int parsePort(SettingValue value) {
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

  /** True for {@code immediate}, false for {@code idle}. */
  private static boolean parseInstall(SettingValue value) {
    String text = value.text().toLowerCase(Locale.ROOT);
    if (text.equals("immediate")) {
      return true;
    }
    if (text.equals("idle")) {
      return false;
    }
    throw value.invalid("idle or immediate");
  }

  /**
   * Strict on purpose: {@code Boolean.parseBoolean} would read a typo such as {@code flase} as
   * false and silently switch an instrumentation off.
   */
  private static boolean parseBoolean(SettingValue value) {
    String text = value.text().toLowerCase(Locale.ROOT);
    if (text.equals("true")) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw value.invalid("true or false");
  }
}
