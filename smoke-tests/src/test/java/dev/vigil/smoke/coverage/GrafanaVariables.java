package dev.vigil.smoke.coverage;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces Grafana's template variables in a query with values that make it valid PromQL.
 *
 * <p>Only metric names matter for coverage, so label variables ({@code $job}, {@code $node},
 * {@code $application}, ...) all become one placeholder; Grafana's interval variables become
 * durations because they sit where PromQL requires one ({@code [$__rate_interval]}).
 */
final class GrafanaVariables {

  /** Value of every variable that is not in {@link #BUILT_INS}, e.g. {@code $job}. */
  static final String LABEL_PLACEHOLDER = "placeholder";

  /** Grafana's built-in variables: adding one adds a row. */
  private static final Map<String, String> BUILT_INS =
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

  static String substitute(String query) {
    Matcher m = VARIABLE.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = BUILT_INS.getOrDefault(name, LABEL_PLACEHOLDER);
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
