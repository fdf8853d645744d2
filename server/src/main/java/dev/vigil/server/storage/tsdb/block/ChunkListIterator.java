package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.storage.SampleIterator;
import java.util.NoSuchElementException;

/**
 * Iterates a block series' chunks in order, reading each from disk only when reached, showing only
 * samples within {@code [minTime, maxTime]} and skipping whole chunks on seek by their time range.
 */
final class ChunkListIterator implements SampleIterator {

  private final SeriesEntry entry;
  private final ChunkReader reader;
  private final long minTime;
  private final long maxTime;
  private int chunk = -1;
  private SampleIterator current;
  private boolean onSample;
  private boolean done;

  ChunkListIterator(SeriesEntry entry, ChunkReader reader, long minTime, long maxTime) {
    this.entry = entry;
    this.reader = reader;
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
    if (onSample && entry.maxTime(chunk) >= target) {
      return current.seek(target) ? accept() : finish();
    }
    return seekFromChunk(onSample ? chunk + 1 : 0, target);
  }

  private boolean seekFromChunk(int from, long target) {
    for (int i = from; i < entry.numChunks(); i++) {
      if (entry.maxTime(i) < target) {
        continue;
      }
      chunk = i;
      current = reader.read(entry.ref(i)).iterator();
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
