package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.Series;
import dev.vigil.server.storage.tsdb.chunk.Chunk;

/** A series as a querier sees it: the chunks overlapping its range, fixed when selected. */
final class HeadSeries implements Series {

  private final Labels labels;
  private final Chunk[] chunks;
  private final long[] times;
  private final long minTime;
  private final long maxTime;

  HeadSeries(Labels labels, Chunk[] chunks, long[] times, long minTime, long maxTime) {
    this.labels = labels;
    this.chunks = chunks;
    this.times = times;
    this.minTime = minTime;
    this.maxTime = maxTime;
  }

  @Override
  public Labels labels() {
    return labels;
  }

  @Override
  public SampleIterator iterator() {
    return new HeadSeriesIterator(chunks, times, minTime, maxTime);
  }

  /**
   * Whether any sample lies in range. A chunk whose first or last sample is in range settles it;
   * only chunks straddling the whole range need decoding.
   */
  boolean hasSamplesInRange() {
    for (int i = 0; i < chunks.length; i++) {
      long first = times[2 * i];
      long last = times[2 * i + 1];
      if ((first >= minTime && first <= maxTime) || (last >= minTime && last <= maxTime)) {
        return true;
      }
    }
    return iterator().next();
  }
}
