package dev.vigil.server.storage;

import dev.vigil.server.model.LabelMatcher;
import java.util.List;

/**
 * A read view over a time range of the store, opened by {@link Storage#querier}. Not thread-safe;
 * close it when done so the store can release what it holds.
 */
public interface Querier extends AutoCloseable {

  /**
   * The series matching all matchers, with their samples in this querier's time range. At least
   * one matcher must not match the empty string, as in Prometheus.
   *
   * @param sorted whether the caller needs series in label-set order
   */
  SeriesSet select(boolean sorted, List<LabelMatcher> matchers);

  /** Label names of series matching the matchers (all series when none are given), sorted. */
  List<String> labelNames(List<LabelMatcher> matchers);

  /** Values of one label among series matching the matchers, sorted. */
  List<String> labelValues(String name, List<LabelMatcher> matchers);

  @Override
  void close();
}
