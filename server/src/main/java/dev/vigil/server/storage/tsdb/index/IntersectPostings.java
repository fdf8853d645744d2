package dev.vigil.server.storage.tsdb.index;

import java.util.List;

/** Refs common to all inputs, found by leapfrogging: each input seeks to the largest ref seen. */
final class IntersectPostings implements Postings {

  private final Postings[] inputs;
  private long cur;
  private boolean started;
  private boolean done;

  IntersectPostings(List<Postings> inputs) {
    this.inputs = inputs.toArray(new Postings[0]);
  }

  @Override
  public boolean next() {
    if (done) {
      return false;
    }
    started = true;
    if (!inputs[0].next()) {
      return finish();
    }
    return align(inputs[0].at());
  }

  @Override
  public boolean seek(long ref) {
    if (done) {
      return false;
    }
    if (started && cur >= ref) {
      return true;
    }
    started = true;
    if (!inputs[0].seek(ref)) {
      return finish();
    }
    return align(inputs[0].at());
  }

  private boolean align(long candidate) {
    long target = candidate;
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Postings p : inputs) {
        if (!p.seek(target)) {
          return finish();
        }
        if (p.at() > target) {
          target = p.at();
          moved = true;
        }
      }
    }
    cur = target;
    return true;
  }

  private boolean finish() {
    done = true;
    return false;
  }

  @Override
  public long at() {
    return cur;
  }
}
