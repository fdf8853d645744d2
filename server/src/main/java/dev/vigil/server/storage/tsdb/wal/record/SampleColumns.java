package dev.vigil.server.storage.tsdb.wal.record;

/**
 * Samples to encode, read by index from whatever arrays the caller keeps them in, so that a
 * commit is encoded without a {@link RefSample} per sample.
 */
public interface SampleColumns {

  /** Number of samples. */
  int size();

  /** Series ref of the i-th sample. */
  long ref(int i);

  /** Timestamp of the i-th sample. */
  long timestamp(int i);

  /** Raw bits of the i-th sample's value (NaN payloads matter: the stale marker is one). */
  long valueBits(int i);
}
