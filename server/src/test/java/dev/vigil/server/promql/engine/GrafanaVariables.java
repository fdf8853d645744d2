package dev.vigil.server.promql.engine;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills Grafana's template variables into a dashboard query, as the smoke tests' coverage tool
 * does: the built-in interval variables become durations, every other variable a label value.
 */
public final class GrafanaVariables {

  /** Grafana's built-ins for a 15 s scrape interval and a 1 h dashboard range. */
  public static final Map<String, String> DEFAULT_BUILT_INS =
      Map.of(
          "__rate_interval", "1m",
          "__interval", "15s",
          "__interval_ms", "15000",
          "__range", "1h",
          "__range_s", "3600",
          "__range_ms", "3600000");

  /** {@code ${name}} or {@code ${name:format}}, {@code [[name]]}, or {@code $name}. */
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");

  private GrafanaVariables() {}

  /** Built-ins from {@link #DEFAULT_BUILT_INS}, other variables become {@code placeholder}. */
  public static String substitute(String query) {
    return substitute(query, DEFAULT_BUILT_INS, name -> "placeholder");
  }

  /** Built-ins from {@code builtIns}, any other variable's value from {@code others}. */
  public static String substitute(
      String query, Map<String, String> builtIns, UnaryOperator<String> others) {
    Matcher m = VARIABLE.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = builtIns.containsKey(name) ? builtIns.get(name) : others.apply(name);
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
