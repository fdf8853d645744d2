package dev.vigil.agent.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where settings come from, in order of precedence: system properties, then {@code VIGIL_*}
 * environment variables, then the optional settings file ({@code vigil.config.file}).
 *
 * <p>The file comes last so that an operator can override one value of a shipped file with {@code
 * -D} or a container variable without editing it. A blank value counts as unset in every source.
 */
final class SettingSources {

  private static final String PREFIX = "vigil.";
  private static final String VARIABLE_PREFIX = "VIGIL_";

  private final Map<String, String> properties;
  private final Map<String, String> environment;
  private final ConfigFile file;

  private SettingSources(
      Map<String, String> properties, Map<String, String> environment, ConfigFile file) {
    this.properties = properties;
    this.environment = environment;
    this.file = file;
  }

  /**
   * The sources of this JVM, reading the settings file if one is named.
   *
   * @throws ConfigException when the named file cannot be read or parsed
   */
  static SettingSources of(Map<String, String> properties, Map<String, String> environment) {
    SettingSources withoutFile = new SettingSources(properties, environment, ConfigFile.none());
    SettingValue fileName = withoutFile.lookup(Setting.CONFIG_FILE.property());
    ConfigFile file =
        fileName == null
            ? ConfigFile.none()
            : ConfigFile.read(fileName.text(), fileName.source());
    return new SettingSources(properties, environment, file);
  }

  /** The value of {@code property} from the first source that sets it, or null. */
  SettingValue lookup(String property) {
    String fromProperty = properties.get(property);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return new SettingValue(property, fromProperty.trim(), "system property -D" + property);
    }
    String variable = Setting.environmentVariable(property);
    String fromEnvironment = environment.get(variable);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new SettingValue(property, fromEnvironment.trim(), "environment variable " + variable);
    }
    ConfigFile.Entry fromFile = file.get(property);
    if (fromFile != null && !fromFile.value().isBlank()) {
      return new SettingValue(property, fromFile.value(), "file " + file.place(fromFile.line()));
    }
    return null;
  }

  /**
   * One message per {@code vigil.*} property, {@code VIGIL_*} variable or file key that is not
   * in {@code known}: most likely a typo that would otherwise be silently ignored.
   */
  List<String> unknownSettings(Set<String> known) {
    // Loops, not streams: this runs in premain (see AgentStarter).
    Set<String> knownVariables = new HashSet<>();
    for (String property : known) {
      knownVariables.add(Setting.environmentVariable(property));
    }
    List<String> messages = new ArrayList<>();
    for (String property : properties.keySet()) {
      if (property.startsWith(PREFIX) && !known.contains(property)) {
        messages.add("ignoring unknown setting -D" + property);
      }
    }
    for (String variable : environment.keySet()) {
      if (variable.startsWith(VARIABLE_PREFIX) && !knownVariables.contains(variable)) {
        messages.add("ignoring unknown environment variable " + variable);
      }
    }
    String fileSetting = Setting.CONFIG_FILE.property();
    for (Map.Entry<String, ConfigFile.Entry> entry : file.entries().entrySet()) {
      String key = entry.getKey();
      if (!known.contains(key) || key.equals(fileSetting)) {
        messages.add(
            "ignoring unknown setting '"
                + key
                + "' at "
                + file.place(entry.getValue().line())
                + (key.equals(fileSetting) ? " (a settings file cannot name another)" : ""));
      }
    }
    return messages;
  }
}
