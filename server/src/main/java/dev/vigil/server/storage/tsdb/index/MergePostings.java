package dev.vigil.server.storage.tsdb.index;

import java.util.List;

/**
 * The union of inputs via a binary min-heap keyed by each input's current ref, so a regex that
 * matches thousands of label values costs log(values) per ref rather than values.
 */
final class MergePostings implements Postings {

  private final Postings[] inputs;
  private Postings[] heap;
  private int size;
  private long cur;
  private boolean started;

  MergePostings(List<Postings> inputs) {
    this.inputs = inputs.toArray(new Postings[0]);
  }

  @Override
  public boolean next() {
    if (!started) {
      started = true;
      heap = new Postings[inputs.length];
      for (Postings p : inputs) {
        if (p.next()) {
          heap[size++] = p;
        }
      }
      heapify();
    } else {
      // Step every input sitting on the current ref past it, so each ref comes out once.
      while (size > 0 && heap[0].at() == cur) {
        if (heap[0].next()) {
          siftDown(0);
        } else {
          removeTop();
        }
      }
    }
    if (size == 0) {
      return false;
    }
    cur = heap[0].at();
    return true;
  }

  @Override
  public boolean seek(long ref) {
    if (started && size > 0 && cur >= ref) {
      return true;
    }
    Postings[] candidates = started ? heap : inputs;
    int n = started ? size : inputs.length;
    Postings[] kept = new Postings[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (candidates[i].seek(ref)) {
        kept[k++] = candidates[i];
      }
    }
    started = true;
    heap = kept;
    size = k;
    heapify();
    if (size == 0) {
      return false;
    }
    cur = heap[0].at();
    return true;
  }

  @Override
  public long at() {
    return cur;
  }

  private void heapify() {
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  private void removeTop() {
    heap[0] = heap[--size];
    heap[size] = null;
    siftDown(0);
  }

  private void siftDown(int i) {
    int at = i;
    while (true) {
      int l = 2 * at + 1;
      if (l >= size) {
        return;
      }
      int smallest = l + 1 < size && heap[l + 1].at() < heap[l].at() ? l + 1 : l;
      if (heap[at].at() <= heap[smallest].at()) {
        return;
      }
      Postings tmp = heap[at];
      heap[at] = heap[smallest];
      heap[smallest] = tmp;
      at = smallest;
    }
  }
}
