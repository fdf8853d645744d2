package dev.vigil.server.promql.engine;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of every selector of one query, read once from a single querier and kept as arrays,
 * so that evaluating many steps only does binary searches.
 */
final class SeriesCache {

  /**
   * One stored series' samples in time order (stale markers included); {@code startTimestamps} is
   * parallel to {@code timestamps}, or null when the series has none.
   */
  record Loaded(Labels labels, long[] timestamps, double[] values, long[] startTimestamps) {

    /** The start timestamp of sample {@code i}, or 0 (unknown). */
    long startTimestamp(int i) {
      return startTimestamps == null ? SampleIterator.NO_START_TIMESTAMP : startTimestamps[i];
    }

    /** Index of the last sample at or before {@code t}, or -1. */
    int lastAtOrBefore(long t) {
      int lo = 0;
      int hi = timestamps.length - 1;
      int found = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (timestamps[mid] <= t) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found;
    }
  }

  private final Querier querier;
  private final Map<List<LabelMatcher>, List<Loaded>> bySelector = new HashMap<>();
  private final Runnable checkDeadline;
  /** Samples decoded from storage so far ({@code samplesRead} in the query statistics). */
  long samplesRead;

  SeriesCache(Querier querier, Runnable checkDeadline) {
    this.querier = querier;
    this.checkDeadline = checkDeadline;
  }

  List<Loaded> select(List<LabelMatcher> matchers) {
    List<Loaded> cached = bySelector.get(matchers);
    if (cached != null) {
      return cached;
    }
    List<Loaded> out = new ArrayList<>();
    SeriesSet set = querier.select(true, matchers);
    while (set.next()) {
      checkDeadline.run();
      var series = set.at();
      SampleIterator it = series.iterator();
      long[] ts = new long[16];
      double[] vs = new double[16];
      long[] sts = null;
      int n = 0;
      while (it.next()) {
        if (n == ts.length) {
          ts = java.util.Arrays.copyOf(ts, n * 2);
          vs = java.util.Arrays.copyOf(vs, n * 2);
          if (sts != null) {
            sts = java.util.Arrays.copyOf(sts, n * 2);
          }
        }
        ts[n] = it.timestamp();
        vs[n] = it.value();
        long st = it.startTimestamp();
        if (st != SampleIterator.NO_START_TIMESTAMP && sts == null) {
          sts = new long[ts.length];
        }
        if (sts != null) {
          sts[n] = st;
        }
        n++;
      }
      samplesRead += n;
      out.add(
          new Loaded(
              series.labels(),
              java.util.Arrays.copyOf(ts, n),
              java.util.Arrays.copyOf(vs, n),
              sts == null ? null : java.util.Arrays.copyOf(sts, n)));
    }
    bySelector.put(matchers, out);
    return out;
  }
}
