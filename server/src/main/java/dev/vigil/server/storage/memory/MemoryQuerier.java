package dev.vigil.server.storage.memory;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.Series;
import dev.vigil.server.storage.SeriesSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** A read view over [minTime, maxTime] of a {@link MemoryStorage}; copies what it selects. */
final class MemoryQuerier implements Querier {

  private final MemoryStorage storage;
  private final long minTime;
  private final long maxTime;

  MemoryQuerier(MemoryStorage storage, long minTime, long maxTime) {
    this.storage = storage;
    this.minTime = minTime;
    this.maxTime = maxTime;
  }

  @Override
  public SeriesSet select(boolean sorted, List<LabelMatcher> matchers) {
    requireNonEmptyMatcher(matchers);
    List<ArraySeries> out =
        storage.read(
            matchers,
            candidates -> {
              List<ArraySeries> result = new ArrayList<>();
              for (MemorySeries s : candidates) {
                if (matchesAll(s.labels(), matchers)) {
                  ArraySeries copy = s.snapshot(minTime, maxTime);
                  if (!copy.isEmpty()) {
                    result.add(copy);
                  }
                }
              }
              return result;
            });
    // Always sorted: it is cheap here and makes results deterministic.
    out.sort((a, b) -> a.labels().compareTo(b.labels()));
    return new ListSeriesSet(out);
  }

  @Override
  public List<String> labelNames(List<LabelMatcher> matchers) {
    return collect(matchers, (labels, sink) -> labels.forEach(l -> sink.add(l.name())));
  }

  @Override
  public List<String> labelValues(String name, List<LabelMatcher> matchers) {
    return collect(
        matchers,
        (labels, sink) -> {
          String v = labels.get(name);
          if (v != null) {
            sink.add(v);
          }
        });
  }

  private interface LabelCollector {
    void collect(Labels labels, Collection<String> sink);
  }

  private List<String> collect(List<LabelMatcher> matchers, LabelCollector collector) {
    TreeSet<String> sink =
        storage.read(
            matchers,
            candidates -> {
              TreeSet<String> set = new TreeSet<>();
              for (MemorySeries s : candidates) {
                if (matchesAll(s.labels(), matchers) && s.hasSamplesIn(minTime, maxTime)) {
                  collector.collect(s.labels(), set);
                }
              }
              return set;
            });
    return List.copyOf(sink);
  }

  private static boolean matchesAll(Labels labels, List<LabelMatcher> matchers) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  private static void requireNonEmptyMatcher(List<LabelMatcher> matchers) {
    for (LabelMatcher m : matchers) {
      if (!m.matchesEmpty()) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "at least one matcher must not match the empty string: " + matchers);
  }

  @Override
  public void close() {
    // Nothing held: selections are copies.
  }

  /** A series set over a list. */
  private static final class ListSeriesSet implements SeriesSet {
    private final Iterator<? extends Series> it;
    private Series current;

    ListSeriesSet(List<? extends Series> series) {
      this.it = series.iterator();
    }

    @Override
    public boolean next() {
      if (!it.hasNext()) {
        current = null;
        return false;
      }
      current = it.next();
      return true;
    }

    @Override
    public Series at() {
      if (current == null) {
        throw new IllegalStateException("no current series");
      }
      return current;
    }
  }
}
