package dev.vigil.server.storage.tsdb.index;

import java.util.NoSuchElementException;

/** Postings over a slice of a sorted array, seeking by galloping then binary search. */
final class ListPostings implements Postings {

  static final ListPostings EMPTY = new ListPostings(new long[0], 0, 0);

  private final long[] refs;
  private final int end;
  private int pos;
  private boolean started;

  ListPostings(long[] refs, int from, int to) {
    this.refs = refs;
    this.pos = from;
    this.end = to;
  }

  @Override
  public boolean next() {
    if (started) {
      pos++;
    }
    started = true;
    return pos < end;
  }

  @Override
  public boolean seek(long ref) {
    if (!started) {
      started = true;
    } else if (pos >= end) {
      return false;
    } else if (refs[pos] >= ref) {
      return true;
    }
    // Targets are usually close by when intersecting similar lists, so gallop before bisecting.
    int lo = pos;
    int step = 1;
    int hi = pos;
    while (hi < end && refs[hi] < ref) {
      lo = hi + 1;
      hi += step;
      step <<= 1;
    }
    hi = Math.min(hi, end);
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (refs[mid] < ref) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    pos = lo;
    return pos < end;
  }

  @Override
  public long at() {
    if (!started || pos >= end) {
      throw new NoSuchElementException("postings not on a ref");
    }
    return refs[pos];
  }
}
