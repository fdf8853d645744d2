package dev.vigil.server.promql.engine;

import java.time.Duration;

/**
 * Engine settings, named after Prometheus's flags.
 *
 * @param lookbackDelta how far back an instant selector looks for a sample
 * @param maxSamples the most samples a query may hold at once ({@code --query.max-samples})
 * @param timeout the longest a query may run
 * @param experimentalFunctions accept experimental functions and aggregations
 * @param delayedNameRemoval keep {@code __name__} until the end of the query (Prometheus's
 *     {@code promql-delayed-name-removal})
 * @param defaultSubqueryStep the step of a subquery written without one (the global evaluation
 *     interval)
 * @param useStartTimestamps let {@code rate}, {@code increase}, {@code irate} and {@code resets}
 *     use the samples' start timestamps, and {@code start_timestamp()} answer (Prometheus's {@code
 *     use-start-timestamps})
 */
public record EngineOptions(
    Duration lookbackDelta,
    long maxSamples,
    Duration timeout,
    boolean experimentalFunctions,
    boolean delayedNameRemoval,
    Duration defaultSubqueryStep,
    boolean useStartTimestamps) {

  /** Settings without start-timestamp use (the form before start timestamps existed). */
  public EngineOptions(
      Duration lookbackDelta,
      long maxSamples,
      Duration timeout,
      boolean experimentalFunctions,
      boolean delayedNameRemoval,
      Duration defaultSubqueryStep) {
    this(
        lookbackDelta, maxSamples, timeout, experimentalFunctions, delayedNameRemoval,
        defaultSubqueryStep, false);
  }

  /** Prometheus's server defaults. */
  public static final EngineOptions DEFAULTS =
      new EngineOptions(
          Duration.ofMinutes(5), 50_000_000, Duration.ofMinutes(2), false, false,
          Duration.ofMinutes(1));

  /** The settings Prometheus's promqltest scripts assume. */
  public static final EngineOptions PROMQLTEST =
      new EngineOptions(
          Duration.ofMinutes(5), 50_000_000, Duration.ofSeconds(100), true, true,
          Duration.ofMinutes(1), true);
}
