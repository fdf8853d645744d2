package dev.vigil.server.storage.tsdb.chunk;

import dev.vigil.server.storage.SampleIterator;
import java.util.NoSuchElementException;

/**
 * Iterates a series' chunks in order, showing only samples within {@code [minTime, maxTime]}
 * and skipping whole chunks on {@link #seek} by their maximum timestamps.
 *
 * <p>The head and on-disk blocks differ only in where a chunk's bytes and time range come from,
 * so they subclass this with {@link #chunkCount()}, {@link #chunkMaxTime(int)} and {@link
 * #openChunk(int)}; a chunk is opened only when the iteration reaches it.
 */
public abstract class ChunkSequenceIterator implements SampleIterator {

  private final long minTime;
  private final long maxTime;
  private int chunk = -1;
  private SampleIterator current;
  private boolean onSample;
  private boolean done;

  protected ChunkSequenceIterator(long minTime, long maxTime) {
    this.minTime = minTime;
    this.maxTime = maxTime;
  }

  /** How many chunks the series has. */
  protected abstract int chunkCount();

  /** The newest timestamp in chunk {@code i}. */
  protected abstract long chunkMaxTime(int i);

  /** A fresh iterator over chunk {@code i}'s samples. */
  protected abstract SampleIterator openChunk(int i);

  @Override
  public final boolean next() {
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
  public final boolean seek(long t) {
    if (done) {
      return false;
    }
    long target = Math.max(t, minTime);
    if (onSample && current.timestamp() >= target) {
      return true;
    }
    if (onSample && chunkMaxTime(chunk) >= target) {
      return current.seek(target) ? accept() : finish();
    }
    return seekFromChunk(onSample ? chunk + 1 : 0, target);
  }

  /** Opens the first chunk at or after {@code index} that reaches {@code target} and seeks in it. */
  private boolean seekFromChunk(int index, long target) {
    for (int i = index; i < chunkCount(); i++) {
      if (chunkMaxTime(i) < target) {
        continue;
      }
      chunk = i;
      current = openChunk(i);
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
  public final long timestamp() {
    requireSample();
    return current.timestamp();
  }

  @Override
  public final double value() {
    requireSample();
    return current.value();
  }

  private void requireSample() {
    if (!onSample) {
      throw new NoSuchElementException("iterator is not on a sample");
    }
  }
}
