package dev.vigil.server.storage.tsdb.head;

/**
 * Sees every commit before the head applies it, so that a write-ahead log can make it durable
 * first: this is where "acknowledged" gets its meaning.
 *
 * <p>{@link #log} runs on the committing thread, after the batch's series have refs and before any
 * of its samples is visible. If it throws, the commit fails with that exception and none of the
 * batch's samples are applied; series the batch created stay, empty and invisible to selects, until
 * the next {@link Head#truncateBefore} collects them.
 */
@FunctionalInterface
public interface CommitLog {

  /** Logs nothing: the head keeps samples in memory only. */
  CommitLog NONE = batch -> {};

  /** Persists one commit: first the series it introduces, then its samples. */
  void log(CommitBatch batch);
}
