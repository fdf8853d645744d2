package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.tsdb.chunk.XorChunk;
import java.util.NoSuchElementException;

/**
 * Iterates a series' chunks in order, showing only samples within {@code [minTime, maxTime]} and
 * skipping whole chunks on {@link #seek} by their recorded time ranges.
 */
final class HeadSeriesIterator implements SampleIterator {

  private final XorChunk[] chunks;
  private final long[] times;
  private final long minTime;
  private final long maxTime;
  private int chunk = -1;
  private SampleIterator current;
  private boolean onSample;
  private boolean done;

  HeadSeriesIterator(XorChunk[] chunks, long[] times, long minTime, long maxTime) {
    this.chunks = chunks;
    this.times = times;
    this.minTime = minTime;
    this.maxTime = maxTime;
  }

  @Override
  public boolean next() {
    if (done) {
      return false;
    }
    if (!onSample) {
      return seek(minTime);
    }
    if (current.next()) {
      return accept();
    }
    return seekFromChunk(chunk + 1, minTime);
  }

  @Override
  public boolean seek(long t) {
    if (done) {
      return false;
    }
    long target = Math.max(t, minTime);
    if (onSample && current.timestamp() >= target) {
      return true;
    }
    if (onSample && times[2 * chunk + 1] >= target) {
      return current.seek(target) ? accept() : finish();
    }
    return seekFromChunk(onSample ? chunk + 1 : 0, target);
  }

  /**
   * Opens the first chunk at or after {@code index} that reaches {@code target} and seeks in it.
   */
  private boolean seekFromChunk(int index, long target) {
    for (int i = index; i < chunks.length; i++) {
      if (times[2 * i + 1] < target) {
        continue;
      }
      chunk = i;
      current = chunks[i].iterator();
      if (current.seek(target)) {
        return accept();
      }
    }
    return finish();
  }

  private boolean accept() {
    if (current.timestamp() > maxTime) {
      return finish();
    }
    onSample = true;
    return true;
  }

  private boolean finish() {
    done = true;
    onSample = false;
    return false;
  }

  @Override
  public long timestamp() {
    requireSample();
    return current.timestamp();
  }

  @Override
  public double value() {
    requireSample();
    return current.value();
  }

  private void requireSample() {
    if (!onSample) {
      throw new NoSuchElementException("iterator is not on a sample");
    }
  }
}
