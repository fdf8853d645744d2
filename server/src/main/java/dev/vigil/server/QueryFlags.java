package dev.vigil.server;

import dev.vigil.server.promql.engine.EngineOptions;
import dev.vigil.server.promql.parser.ParserOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the {@code --query.*} and {@code --enable-feature} flag values into the engine's and
 * parser's settings, naming bad flags.
 */
final class QueryFlags {

  /** Feature names we act on, as Prometheus spells them; anything else is reported and ignored. */
  static final String EXPERIMENTAL_FUNCTIONS = "promql-experimental-functions";

  static final String DELAYED_NAME_REMOVAL = "promql-delayed-name-removal";
  static final String EXTENDED_RANGE_SELECTORS = "promql-extended-range-selectors";
  static final String BINOP_FILL_MODIFIERS = "promql-binop-fill-modifiers";
  static final String USE_START_TIMESTAMPS = "use-start-timestamps";

  private static final Set<String> KNOWN =
      Set.of(EXPERIMENTAL_FUNCTIONS, DELAYED_NAME_REMOVAL, EXTENDED_RANGE_SELECTORS,
          BINOP_FILL_MODIFIERS, USE_START_TIMESTAMPS);

  /**
   * What the query flags ask for.
   *
   * @param engine the engine's limits and switches
   * @param parser the parser's feature switches
   * @param ignoredFeatures {@code --enable-feature} values Vigil does not know, to be logged (as
   *     Prometheus does, an unknown feature is a warning, not a start failure)
   */
  record Settings(EngineOptions engine, ParserOptions parser, List<String> ignoredFeatures) {

    /** Prometheus's server defaults: no feature flags. */
    static final Settings DEFAULTS =
        new Settings(EngineOptions.DEFAULTS, ParserOptions.SERVER_DEFAULT, List.of());
  }

  private QueryFlags() {}

  /**
   * The settings these flag values describe.
   *
   * @param features the {@code --enable-feature} values, each possibly comma-separated
   * @throws IllegalArgumentException naming the flag and what is wrong with its value
   */
  static Settings settings(
      String lookbackDelta, String maxSamples, String timeout, List<String> features) {
    Duration lookback = StorageFlags.positiveDuration("--query.lookback-delta", lookbackDelta);
    Duration queryTimeout = StorageFlags.positiveDuration("--query.timeout", timeout);
    long samples;
    try {
      samples = Long.parseLong(maxSamples.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid --query.max-samples \"" + maxSamples + "\": not an integer", e);
    }
    if (samples <= 0) {
      throw new IllegalArgumentException(
          "invalid --query.max-samples \"" + maxSamples + "\": must be positive");
    }
    Set<String> enabled = new LinkedHashSet<>();
    List<String> ignored = new ArrayList<>();
    for (String value : features) {
      for (String f : value.split(",")) {
        String name = f.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
          continue;
        }
        if (KNOWN.contains(name)) {
          enabled.add(name);
        } else {
          ignored.add(name);
        }
      }
    }
    EngineOptions defaults = EngineOptions.DEFAULTS;
    EngineOptions engine =
        new EngineOptions(
            lookback,
            samples,
            queryTimeout,
            enabled.contains(EXPERIMENTAL_FUNCTIONS),
            enabled.contains(DELAYED_NAME_REMOVAL),
            defaults.defaultSubqueryStep(),
            enabled.contains(USE_START_TIMESTAMPS));
    // Duration expressions are always on in a Prometheus 3.x server; the rest follow their flags.
    ParserOptions parser =
        new ParserOptions(
            enabled.contains(EXPERIMENTAL_FUNCTIONS),
            true,
            enabled.contains(EXTENDED_RANGE_SELECTORS),
            enabled.contains(BINOP_FILL_MODIFIERS));
    return new Settings(engine, parser, List.copyOf(ignored));
  }
}
