package dev.vigil.server.promql.engine;

import java.time.Duration;

/**
 * A query's statistics as Prometheus reports them with {@code stats=true}: samples returned by
 * selectors over all steps, samples decoded from storage, the peak held at once (see {@link
 * SampleStats}) and the evaluation time.
 */
public record QueryStats(
    long totalQueryableSamples, long samplesRead, long peakSamples, Duration evalTime) {

  /** No statistics (a result built outside the engine). */
  public static final QueryStats NONE = new QueryStats(0, 0, 0, Duration.ZERO);
}
