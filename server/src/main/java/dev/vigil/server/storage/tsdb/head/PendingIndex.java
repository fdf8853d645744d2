package dev.vigil.server.storage.tsdb.head;

import java.util.Arrays;

/**
 * Within one uncommitted batch, the position of each series' latest sample, keyed by ref: an
 * open-addressing long-to-int map so that checking a scrape's samples allocates nothing per sample.
 * Not thread-safe.
 */
final class PendingIndex {

  private static final long FREE = Long.MIN_VALUE;

  private long[] keys = new long[16];
  private int[] values = new int[16];
  private int size;

  PendingIndex() {
    Arrays.fill(keys, FREE);
  }

  /** The index stored for {@code ref}, or -1. */
  int get(long ref) {
    int mask = keys.length - 1;
    for (int i = slot(ref, mask); ; i = (i + 1) & mask) {
      if (keys[i] == ref) {
        return values[i];
      }
      if (keys[i] == FREE) {
        return -1;
      }
    }
  }

  /** Empties the index; it keeps its capacity unless that grew large. */
  void clear() {
    if (keys.length > 1 << 17) {
      keys = new long[16];
      values = new int[16];
    }
    Arrays.fill(keys, FREE);
    size = 0;
  }

  void put(long ref, int index) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = slot(ref, mask);
    while (keys[i] != FREE && keys[i] != ref) {
      i = (i + 1) & mask;
    }
    if (keys[i] == FREE) {
      size++;
    }
    keys[i] = ref;
    values[i] = index;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, FREE);
    values = new int[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != FREE) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int slot(long ref, int mask) {
    return (int) ((ref * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }
}
