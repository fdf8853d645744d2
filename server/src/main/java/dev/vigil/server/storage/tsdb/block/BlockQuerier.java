package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.Series;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.tsdb.index.LabelListBuilder;
import dev.vigil.server.storage.tsdb.index.Postings;
import dev.vigil.server.storage.tsdb.index.PostingsForMatchers;
import java.util.List;

/**
 * Reads one block over {@code [minTime, maxTime]}. Series refs are offsets in label order, so
 * results are always sorted. As in the head, a series without a sample in range is left out.
 */
final class BlockQuerier implements Querier {

  private final Block block;
  private final IndexReader index;
  private final ChunkReader chunks;
  private final long minTime;
  private final long maxTime;
  private boolean closed;

  BlockQuerier(Block block, IndexReader index, ChunkReader chunks, long minTime, long maxTime) {
    this.block = block;
    this.index = index;
    this.chunks = chunks;
    this.minTime = minTime;
    this.maxTime = maxTime;
  }

  @Override
  public SeriesSet select(boolean sorted, List<LabelMatcher> matchers) {
    requireOpen();
    return new PostingsSeriesSet(PostingsForMatchers.select(index, matchers));
  }

  @Override
  public List<String> labelNames(List<LabelMatcher> matchers) {
    requireOpen();
    if (matchers.isEmpty() && coversBlock()) {
      return index.labelNames();
    }
    return collect(LabelListBuilder.names(), matchers);
  }

  @Override
  public List<String> labelValues(String name, List<LabelMatcher> matchers) {
    requireOpen();
    if (matchers.isEmpty() && coversBlock()) {
      return index.labelValues(name);
    }
    return collect(LabelListBuilder.valuesOf(name), matchers);
  }

  @Override
  public void close() {
    closed = true;
  }

  private List<String> collect(LabelListBuilder builder, List<LabelMatcher> matchers) {
    SeriesSet set = new PostingsSeriesSet(postingsFor(matchers));
    while (set.next()) {
      builder.add(set.at().labels());
    }
    return builder.build();
  }

  /** No matchers means every series here, unlike select where it means none (as Prometheus). */
  private Postings postingsFor(List<LabelMatcher> matchers) {
    return matchers.isEmpty() ? index.allPostings() : PostingsForMatchers.select(index, matchers);
  }

  private boolean coversBlock() {
    // Every series of a block has a sample in its range, so its tables answer for the whole of it.
    BlockMeta m = block.meta();
    return minTime <= m.minTime() && maxTime >= m.maxTime() - 1;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("querier is closed");
    }
  }

  /** Series for a postings cursor, read lazily, skipping those with no sample in range. */
  private final class PostingsSeriesSet implements SeriesSet {
    private final Postings postings;
    private Series current;

    PostingsSeriesSet(Postings postings) {
      this.postings = postings;
    }

    @Override
    public boolean next() {
      while (postings.next()) {
        SeriesEntry e = index.series(postings.at());
        if (hasSampleInRange(e)) {
          current = new BlockSeries(e);
          return true;
        }
      }
      current = null;
      return false;
    }

    private boolean hasSampleInRange(SeriesEntry e) {
      for (int i = 0; i < e.numChunks(); i++) {
        if (e.maxTime(i) < minTime || e.minTime(i) > maxTime) {
          continue;
        }
        if (e.minTime(i) >= minTime || e.maxTime(i) <= maxTime) {
          return true; // a chunk's first or last sample lies in range
        }
        // The range falls strictly inside this chunk: only decoding tells whether a sample does.
        SampleIterator it = chunks.read(e.ref(i)).iterator();
        if (it.seek(minTime) && it.timestamp() <= maxTime) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Series at() {
      if (current == null) {
        throw new IllegalStateException("series set is not on a series");
      }
      return current;
    }
  }

  private final class BlockSeries implements Series {
    private final SeriesEntry entry;

    BlockSeries(SeriesEntry entry) {
      this.entry = entry;
    }

    @Override
    public Labels labels() {
      return entry.labels();
    }

    @Override
    public SampleIterator iterator() {
      return new ChunkListIterator(entry, chunks, minTime, maxTime);
    }
  }
}
