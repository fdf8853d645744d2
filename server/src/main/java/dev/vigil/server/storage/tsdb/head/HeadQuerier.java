package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.Series;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.tsdb.index.LabelListBuilder;
import dev.vigil.server.storage.tsdb.index.Postings;
import dev.vigil.server.storage.tsdb.index.PostingsForMatchers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a {@link Head} over {@code [minTime, maxTime]}: matchers become postings, postings become
 * series snapshots. Series without a sample in range are left out, so what a querier returns does
 * not depend on how the head happens to have cut its chunks.
 */
final class HeadQuerier implements Querier {

  private final Head head;
  private final long minTime;
  private final long maxTime;
  private boolean closed;

  HeadQuerier(Head head, long minTime, long maxTime) {
    this.head = head;
    this.minTime = minTime;
    this.maxTime = maxTime;
  }

  @Override
  public SeriesSet select(boolean sorted, List<LabelMatcher> matchers) {
    requireOpen();
    List<HeadSeries> found = seriesFor(PostingsForMatchers.select(head.postings(), matchers));
    if (sorted) {
      found.sort(Comparator.comparing(HeadSeries::labels));
    }
    return new ListSeriesSet(found);
  }

  @Override
  public List<String> labelNames(List<LabelMatcher> matchers) {
    requireOpen();
    if (matchers.isEmpty() && coversHead()) {
      return head.postings().labelNames();
    }
    return collect(LabelListBuilder.names(), matchers);
  }

  @Override
  public List<String> labelValues(String name, List<LabelMatcher> matchers) {
    requireOpen();
    if (matchers.isEmpty() && coversHead()) {
      return head.postings().labelValues(name);
    }
    return collect(LabelListBuilder.valuesOf(name), matchers);
  }

  @Override
  public void close() {
    closed = true;
  }

  private List<String> collect(LabelListBuilder builder, List<LabelMatcher> matchers) {
    for (HeadSeries s : seriesFor(postingsFor(matchers))) {
      builder.add(s.labels());
    }
    return builder.build();
  }

  /** No matchers means every series here, unlike select where it means none (as Prometheus). */
  private Postings postingsFor(List<LabelMatcher> matchers) {
    return matchers.isEmpty()
        ? head.postings().allPostings()
        : PostingsForMatchers.select(head.postings(), matchers);
  }

  /**
   * Whether every sample in the head lies in range, so that the index's own name and value lists
   * answer label queries without looking at series.
   */
  private boolean coversHead() {
    return minTime <= head.minTime() && maxTime >= head.maxTime();
  }

  private List<HeadSeries> seriesFor(Postings p) {
    List<HeadSeries> out = new ArrayList<>();
    while (p.next()) {
      MemSeries s = head.seriesByRef(p.at());
      if (s == null) {
        continue; // truncated away after the postings were taken
      }
      HeadSeries snapshot;
      synchronized (s) {
        snapshot = s.snapshot(minTime, maxTime, head.chunkStore());
      }
      if (snapshot != null && snapshot.hasSamplesInRange()) {
        out.add(snapshot);
      }
    }
    return out;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("querier is closed");
    }
  }

  /** A series set over a list. */
  private static final class ListSeriesSet implements SeriesSet {
    private final List<? extends Series> series;
    private int next;
    private Series current;

    ListSeriesSet(List<? extends Series> series) {
      this.series = series;
    }

    @Override
    public boolean next() {
      if (next >= series.size()) {
        current = null;
        return false;
      }
      current = series.get(next++);
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
}
