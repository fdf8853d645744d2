package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.head.CommitBatch;
import dev.vigil.server.storage.tsdb.head.CommitLog;

/**
 * A commit log bound after the head is built: the head must exist to replay the WAL into it, and
 * the WAL writer may only open after replay has repaired the log's tail. No commit can happen in
 * between, since nobody has the head yet; one that did would fail rather than go unlogged.
 */
final class DeferredCommitLog implements CommitLog {

  private volatile CommitLog target;

  void bind(CommitLog log) {
    this.target = log;
  }

  @Override
  public void log(CommitBatch batch) {
    CommitLog t = target;
    if (t == null) {
      throw new IllegalStateException("commit before the WAL was opened");
    }
    t.log(batch);
  }
}
