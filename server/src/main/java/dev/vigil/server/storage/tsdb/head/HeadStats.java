package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.storage.SampleRejectedException.Reason;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a {@link Head}, for self-metrics. Thread-safe; values only grow except series. */
public final class HeadStats {

  private final LongAdder seriesCreated = new LongAdder();
  private final LongAdder seriesRemoved = new LongAdder();
  private final LongAdder samplesAppended = new LongAdder();
  private final LongAdder chunksCreated = new LongAdder();
  private final LongAdder chunksRemoved = new LongAdder();
  private final LongAdder[] rejected = new LongAdder[Reason.values().length];

  HeadStats() {
    for (int i = 0; i < rejected.length; i++) {
      rejected[i] = new LongAdder();
    }
  }

  /** Series currently in the head. */
  public long series() {
    return seriesCreated.sum() - seriesRemoved.sum();
  }

  /** Series ever created. */
  public long seriesCreated() {
    return seriesCreated.sum();
  }

  /** Series dropped by truncation. */
  public long seriesRemoved() {
    return seriesRemoved.sum();
  }

  /** Samples committed and stored. */
  public long samplesAppended() {
    return samplesAppended.sum();
  }

  /** Samples refused for {@code reason}, at append or (when a concurrent commit won) at commit. */
  public long rejected(Reason reason) {
    return rejected[reason.ordinal()].sum();
  }

  /** Chunks ever started. */
  public long chunksCreated() {
    return chunksCreated.sum();
  }

  /** Chunks dropped by truncation. */
  public long chunksRemoved() {
    return chunksRemoved.sum();
  }

  void onSeriesCreated() {
    seriesCreated.increment();
  }

  void onSeriesRemoved(long n) {
    seriesRemoved.add(n);
  }

  void onSamplesAppended(long n) {
    samplesAppended.add(n);
  }

  void onChunkCreated() {
    chunksCreated.increment();
  }

  void onChunksRemoved(long n) {
    chunksRemoved.add(n);
  }

  void onRejected(Reason reason, long n) {
    rejected[reason.ordinal()].add(n);
  }
}
