package dev.vigil.server.storage.tsdb.chunk;

import dev.vigil.server.storage.SampleIterator;
import java.util.NoSuchElementException;

/**
 * What every chunk decoder shares: the position among the chunk's samples, the current timestamp,
 * and seeking by decoding forward. Subclasses decode one sample per {@link #next()} and keep
 * {@code read} (samples decoded; {@code numSamples + 1} once exhausted) and {@code t} current.
 */
abstract class AbstractChunkIterator implements SampleIterator {

  final int numSamples;
  int read;
  long t;

  AbstractChunkIterator(int numSamples) {
    this.numSamples = numSamples;
  }

  @Override
  public final boolean seek(long target) {
    if (read > numSamples) {
      return false;
    }
    if (read > 0 && t >= target) {
      return true;
    }
    while (next()) {
      if (t >= target) {
        return true;
      }
    }
    return false;
  }

  @Override
  public final long timestamp() {
    requireCurrent();
    return t;
  }

  final void requireCurrent() {
    if (read == 0 || read > numSamples) {
      throw new NoSuchElementException("iterator is not on a sample");
    }
  }
}
