package dev.vigil.server.storage.tsdb.index;

import java.util.Arrays;

/**
 * A sorted, growable list of refs whose snapshots stay valid without a lock.
 *
 * <p>Appending a larger ref writes past every snapshot's end, and anything else (inserting in the
 * middle, removing) builds a new array, so a snapshot's slice never changes under a reader. The
 * owner serialises writers and publishes {@code (array, size)} pairs under its lock.
 */
final class RefList {

  /** The label value this list belongs to, kept as the canonical instance for interning. */
  final String value;

  private long[] refs = new long[2];
  private int size;

  RefList(String value) {
    this.value = value;
  }

  void add(long ref) {
    if (size > 0 && refs[size - 1] >= ref) {
      insertCopying(ref);
      return;
    }
    if (size == refs.length) {
      refs = Arrays.copyOf(refs, size + (size >> 1) + 1);
    }
    refs[size++] = ref;
  }

  private void insertCopying(long ref) {
    int at = Arrays.binarySearch(refs, 0, size, ref);
    if (at >= 0) {
      return;
    }
    int ins = -at - 1;
    long[] next = new long[Math.max(refs.length, size + 1)];
    System.arraycopy(refs, 0, next, 0, ins);
    next[ins] = ref;
    System.arraycopy(refs, ins, next, ins + 1, size - ins);
    refs = next;
    size++;
  }

  /** Removes refs in {@code sortedDead}; returns whether the list is now empty. */
  boolean removeAll(long[] sortedDead) {
    long[] next = new long[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (Arrays.binarySearch(sortedDead, refs[i]) < 0) {
        next[n++] = refs[i];
      }
    }
    if (n != size) {
      refs = next;
      size = n;
    }
    return size == 0;
  }

  int size() {
    return size;
  }

  Postings postings() {
    return new ListPostings(refs, 0, size);
  }
}
