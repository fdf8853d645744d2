package dev.vigil.server.promql.parser;

/**
 * Feature switches of the parser, matching Prometheus's parser options and feature flags.
 *
 * @param experimentalFunctions experimental functions and aggregations ({@code
 *     promql-experimental-functions}): {@code limitk}, {@code info}, {@code sort_by_label}, ...
 * @param durationExpressions arithmetic in ranges, steps and offsets ({@code x[5m+1m]}, {@code
 *     offset -(1h)}, {@code step()}); always on in the Prometheus 3.x server
 * @param extendedRangeSelectors the {@code anchored} and {@code smoothed} modifiers ({@code
 *     promql-extended-range-selectors})
 * @param binopFillModifiers {@code fill}, {@code fill_left}, {@code fill_right} on binary operators
 *     ({@code promql-binop-fill-modifiers})
 */
public record ParserOptions(
    boolean experimentalFunctions,
    boolean durationExpressions,
    boolean extendedRangeSelectors,
    boolean binopFillModifiers) {

  /** Everything off: the parser library's defaults. */
  public static final ParserOptions NONE = new ParserOptions(false, false, false, false);

  /** What a Prometheus 3.x server uses without feature flags: only duration expressions. */
  public static final ParserOptions SERVER_DEFAULT = new ParserOptions(false, true, false, false);

  /** Everything on, as the promqltest scripts assume. */
  public static final ParserOptions ALL = new ParserOptions(true, true, true, true);
}
