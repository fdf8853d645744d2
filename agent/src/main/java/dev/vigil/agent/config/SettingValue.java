package dev.vigil.agent.config;

/** A setting's raw value together with where it was found, so errors can name the place. */
final class SettingValue {

  private final String property;
  private final String text;
  private final String source;

  SettingValue(String property, String text, String source) {
    this.property = property;
    this.text = text;
    this.source = source;
  }

  String text() {
    return text;
  }

  /** Where the value came from, e.g. {@code system property -Dvigil.agent.port}. */
  String source() {
    return source;
  }

  /** An error naming the setting, its value and its source. */
  ConfigException invalid(String expected) {
    return new ConfigException(
        "invalid " + property + " '" + text + "' (from " + source + "): expected " + expected);
  }
}
