package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;

/**
 * A read-only view of one commit for a {@link CommitLog}: the series not yet logged (with the refs
 * the samples use), then the samples in append order. Valid only during {@link CommitLog#log}.
 *
 * <p>A series appears here the first time a commit that uses it is logged; two concurrent commits
 * may both list it, so replay must accept a repeated (ref, labels) pair.
 */
public interface CommitBatch {

  /** Number of series to record before the samples. */
  int seriesCount();

  /** Ref of the i-th series to record. */
  long seriesRef(int i);

  /** Labels of the i-th series to record. */
  Labels seriesLabels(int i);

  /** Number of samples. */
  int sampleCount();

  /** Series ref of the i-th sample. */
  long sampleRef(int i);

  /** Timestamp of the i-th sample. */
  long timestamp(int i);

  /** Value of the i-th sample, bits as appended. */
  double value(int i);

  /** Raw bits of the i-th sample's value, NaN payload included (the stale marker is one). */
  default long valueBits(int i) {
    return Double.doubleToRawLongBits(value(i));
  }
}
