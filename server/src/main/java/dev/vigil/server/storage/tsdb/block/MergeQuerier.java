package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.Series;
import dev.vigil.server.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * One querier over several (head and blocks, or the blocks being compacted): series with equal
 * labels are merged into one, samples in time order, and where inputs hold a sample at the same
 * timestamp the first querier in the list wins. Closing it closes every input.
 *
 * <p>Inputs are always asked for sorted series so the merge can stream; the result is sorted
 * whatever the caller asked for.
 */
public final class MergeQuerier implements Querier {

  private final List<Querier> queriers;

  /** Merges {@code queriers}; on equal timestamps the earlier one in this list wins. */
  public MergeQuerier(List<? extends Querier> queriers) {
    this.queriers = List.copyOf(queriers);
  }

  @Override
  public SeriesSet select(boolean sorted, List<LabelMatcher> matchers) {
    if (queriers.size() == 1) {
      return queriers.get(0).select(sorted, matchers);
    }
    List<SeriesSet> sets = new ArrayList<>(queriers.size());
    for (Querier q : queriers) {
      sets.add(q.select(true, matchers));
    }
    return new MergedSeriesSet(sets);
  }

  @Override
  public List<String> labelNames(List<LabelMatcher> matchers) {
    TreeSet<String> out = new TreeSet<>();
    for (Querier q : queriers) {
      out.addAll(q.labelNames(matchers));
    }
    return new ArrayList<>(out);
  }

  @Override
  public List<String> labelValues(String name, List<LabelMatcher> matchers) {
    TreeSet<String> out = new TreeSet<>();
    for (Querier q : queriers) {
      out.addAll(q.labelValues(name, matchers));
    }
    return new ArrayList<>(out);
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (Querier q : queriers) {
      try {
        q.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** A k-way merge of sorted series sets by labels. */
  private static final class MergedSeriesSet implements SeriesSet {

    /** A set positioned on a series; {@code rank} orders ties so earlier inputs come first. */
    private record Head(SeriesSet set, int rank) {}

    private final PriorityQueue<Head> queue =
        new PriorityQueue<>(
            (a, b) -> {
              int c = a.set.at().labels().compareTo(b.set.at().labels());
              return c != 0 ? c : Integer.compare(a.rank, b.rank);
            });
    private Series current;

    MergedSeriesSet(List<SeriesSet> sets) {
      for (int i = 0; i < sets.size(); i++) {
        if (sets.get(i).next()) {
          queue.add(new Head(sets.get(i), i));
        }
      }
    }

    @Override
    public boolean next() {
      if (queue.isEmpty()) {
        current = null;
        return false;
      }
      List<Series> same = new ArrayList<>();
      Labels labels = queue.peek().set.at().labels();
      while (!queue.isEmpty() && queue.peek().set.at().labels().equals(labels)) {
        Head h = queue.poll();
        same.add(h.set.at());
        if (h.set.next()) {
          queue.add(h);
        }
      }
      current = same.size() == 1 ? same.get(0) : new MergedSeries(labels, same);
      return true;
    }

    @Override
    public Series at() {
      if (current == null) {
        throw new IllegalStateException("series set is not on a series");
      }
      return current;
    }
  }

  private record MergedSeries(Labels labels, List<Series> parts) implements Series {
    @Override
    public SampleIterator iterator() {
      if (parts.size() == 1) {
        return parts.get(0).iterator(); // nothing to merge: no layer per sample
      }
      SampleIterator[] its = new SampleIterator[parts.size()];
      for (int i = 0; i < its.length; i++) {
        its[i] = parts.get(i).iterator();
      }
      return new MergedIterator(its);
    }
  }

  /**
   * Merges iterators by timestamp; at equal timestamps the lowest-index iterator's sample is shown
   * and the others' are skipped, which is the deduplication of overlapping blocks. Each part's
   * current timestamp is kept in an array, so choosing the next sample makes no call per part
   * (compaction runs every sample of every block through here).
   */
  static final class MergedIterator implements SampleIterator {
    private final SampleIterator[] its;
    /** Whether iterator i is on a sample (false: not started or exhausted). */
    private final boolean[] on;
    /** Iterator i's timestamp while {@code on[i]}. */
    private final long[] ts;

    private final boolean[] exhausted;
    private int winner = -1;

    MergedIterator(SampleIterator[] its) {
      this.its = its;
      this.on = new boolean[its.length];
      this.ts = new long[its.length];
      this.exhausted = new boolean[its.length];
    }

    @Override
    public boolean next() {
      if (winner < 0) {
        for (int i = 0; i < its.length; i++) {
          advance(i);
        }
      } else {
        long t = ts[winner];
        for (int i = 0; i < its.length; i++) {
          if (on[i] && ts[i] == t) {
            advance(i);
          }
        }
      }
      return pick();
    }

    @Override
    public boolean seek(long t) {
      if (winner >= 0 && ts[winner] >= t) {
        return true;
      }
      for (int i = 0; i < its.length; i++) {
        if (exhausted[i]) {
          continue;
        }
        on[i] = its[i].seek(t);
        exhausted[i] = !on[i];
        if (on[i]) {
          ts[i] = its[i].timestamp();
        }
      }
      return pick();
    }

    private void advance(int i) {
      if (!exhausted[i]) {
        on[i] = its[i].next();
        exhausted[i] = !on[i];
        if (on[i]) {
          ts[i] = its[i].timestamp();
        }
      }
    }

    private boolean pick() {
      winner = -1;
      long best = Long.MAX_VALUE;
      for (int i = 0; i < its.length; i++) {
        if (on[i] && (winner < 0 || ts[i] < best)) {
          winner = i;
          best = ts[i];
        }
      }
      if (winner < 0) {
        winner = Integer.MIN_VALUE; // exhausted for good
        return false;
      }
      return true;
    }

    @Override
    public long timestamp() {
      current();
      return ts[winner];
    }

    @Override
    public double value() {
      return current().value();
    }

    private SampleIterator current() {
      if (winner < 0) {
        throw new java.util.NoSuchElementException("iterator is not on a sample");
      }
      return its[winner];
    }
  }
}
