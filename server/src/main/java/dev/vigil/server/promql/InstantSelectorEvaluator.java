package dev.vigil.server.promql;

import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates an instant vector selector at time t: for each matching series, the latest sample in (t
 * - lookback, t], stamped with t. A series whose latest sample there is a stale marker is absent,
 * which is how a vanished target's series stop showing up before the lookback runs out.
 */
public final class InstantSelectorEvaluator {

  /** Prometheus's default lookback delta. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(5);

  private final Storage storage;
  private final long lookbackMillis;

  public InstantSelectorEvaluator(Storage storage) {
    this(storage, DEFAULT_LOOKBACK);
  }

  public InstantSelectorEvaluator(Storage storage, Duration lookback) {
    this.storage = storage;
    this.lookbackMillis = lookback.toMillis();
  }

  /** The selector's instant vector at {@code t} (milliseconds), sorted by labels. */
  public List<InstantSample> evaluate(Selector selector, long t) {
    List<InstantSample> out = new ArrayList<>();
    // The window is left-open: a sample exactly lookback old no longer counts.
    try (Querier q = storage.querier(t - lookbackMillis + 1, t)) {
      SeriesSet set = q.select(true, selector.matchers());
      while (set.next()) {
        SampleIterator it = set.at().iterator();
        boolean found = false;
        double value = 0;
        while (it.next()) {
          found = true;
          value = it.value();
        }
        if (found && !StaleNaN.is(value)) {
          out.add(new InstantSample(set.at().labels(), t, value));
        }
      }
    }
    return out;
  }
}
