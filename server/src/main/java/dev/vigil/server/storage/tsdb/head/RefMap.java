package dev.vigil.server.storage.tsdb.head;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * An open-addressing map from series ref to series, so the ref index costs two array slots per
 * series instead of a boxed Long and a map entry. Not thread-safe; a stripe guards it.
 */
final class RefMap {

  private static final long FREE = Long.MIN_VALUE;

  /**
   * Volatile for {@link #getRacy}: a rehash builds the new arrays first and publishes them with
   * this write (values before keys), so a reader never sees a key array that is still being
   * filled (all zero: no free slot, and a probe would not end).
   */
  private volatile long[] keys;

  private MemSeries[] values;
  private int size;

  RefMap() {
    keys = new long[8];
    Arrays.fill(keys, FREE);
    values = new MemSeries[8];
  }

  MemSeries get(long ref) {
    long[] k = keys;
    int mask = k.length - 1;
    for (int i = slot(ref, mask); ; i = (i + 1) & mask) {
      if (k[i] == ref) {
        return values[i];
      }
      if (k[i] == FREE) {
        return null;
      }
    }
  }

  /**
   * {@link #get} for a reader that does not hold the stripe's lock, as a first look: while a
   * writer rehashes or shifts entries it may miss a present ref, or find a slot's series from
   * another moment, so the caller must check the series' (final) ref and fall back to a locked
   * {@link #get} when it does not match. It terminates: no version of the key array is ever filled
   * past three quarters, so every probe sequence meets a free slot.
   */
  MemSeries getRacy(long ref) {
    long[] k = keys;
    MemSeries[] v = values;
    int mask = k.length - 1;
    for (int i = slot(ref, mask); ; i = (i + 1) & mask) {
      long key = k[i];
      if (key == ref) {
        return i < v.length ? v[i] : null;
      }
      if (key == FREE) {
        return null;
      }
    }
  }

  void put(long ref, MemSeries s) {
    if (ref == FREE) {
      throw new IllegalArgumentException("ref " + ref + " is reserved");
    }
    if ((size + 1) * 4 > keys.length * 3) {
      rehash(keys.length * 2);
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
    values[i] = s;
  }

  void remove(long ref) {
    int mask = keys.length - 1;
    int i = slot(ref, mask);
    while (keys[i] != ref) {
      if (keys[i] == FREE) {
        return;
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion keeps probe chains intact without tombstones.
    int hole = i;
    for (int j = (hole + 1) & mask; keys[j] != FREE; j = (j + 1) & mask) {
      int home = slot(keys[j], mask);
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = FREE;
    values[hole] = null;
    size--;
  }

  int size() {
    return size;
  }

  void forEach(Consumer<MemSeries> action) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != FREE) {
        action.accept(values[i]);
      }
    }
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    MemSeries[] oldValues = values;
    long[] newKeys = new long[capacity];
    Arrays.fill(newKeys, FREE);
    MemSeries[] newValues = new MemSeries[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != FREE) {
        int j = slot(oldKeys[i], mask);
        while (newKeys[j] != FREE) {
          j = (j + 1) & mask;
        }
        newKeys[j] = oldKeys[i];
        newValues[j] = oldValues[i];
      }
    }
    values = newValues;
    keys = newKeys; // the volatile write publishes both, filled
  }

  private static int slot(long ref, int mask) {
    long h = ref * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads sequential refs
    return (int) (h >>> 32) & mask;
  }
}
