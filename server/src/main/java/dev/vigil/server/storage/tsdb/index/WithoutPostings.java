package dev.vigil.server.storage.tsdb.index;

/** Refs of one input that are absent from another. */
final class WithoutPostings implements Postings {

  private final Postings full;
  private final Postings drop;
  private boolean dropStarted;
  private boolean dropDone;

  WithoutPostings(Postings full, Postings drop) {
    this.full = full;
    this.drop = drop;
  }

  @Override
  public boolean next() {
    return full.next() && skipDropped();
  }

  @Override
  public boolean seek(long ref) {
    return full.seek(ref) && skipDropped();
  }

  /** Moves {@code full} forward while its ref is also in {@code drop}. */
  private boolean skipDropped() {
    while (true) {
      long ref = full.at();
      if (!dropDone && (!dropStarted || drop.at() < ref)) {
        dropStarted = true;
        dropDone = !drop.seek(ref);
      }
      if (dropDone || drop.at() != ref) {
        return true;
      }
      if (!full.next()) {
        return false;
      }
    }
  }

  @Override
  public long at() {
    return full.at();
  }
}
