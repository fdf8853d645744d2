package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;
import java.util.function.Predicate;

/**
 * An open-addressing map from label set to series (the key is the series' own labels), so the
 * label index costs two array slots per series instead of a {@code HashMap} entry object (32
 * bytes) and a table slot: ~16 instead of ~40 bytes per series. Not thread-safe; a stripe guards
 * it.
 */
final class LabelMap {

  private int[] hashes;
  private MemSeries[] series;
  private int size;

  LabelMap() {
    hashes = new int[8];
    series = new MemSeries[8];
  }

  MemSeries get(Labels labels) {
    int h = labels.hashCode();
    int mask = series.length - 1;
    for (int i = slot(h, mask); ; i = (i + 1) & mask) {
      MemSeries s = series[i];
      if (s == null) {
        return null;
      }
      if (hashes[i] == h && s.labels.equals(labels)) {
        return s;
      }
    }
  }

  /** Adds {@code s} under its labels, which must not be in the map yet. */
  void add(MemSeries s) {
    if ((size + 1) * 4 > series.length * 3) {
      rehash(series.length * 2);
    }
    insert(hashes, series, s.labels.hashCode(), s);
    size++;
  }

  /**
   * Removes every series {@code remove} accepts, offering each series once. The table is rebuilt
   * when any went: truncation removes many series at once, rarely.
   */
  void removeIf(Predicate<MemSeries> remove) {
    MemSeries[] kept = new MemSeries[size];
    int n = 0;
    for (MemSeries s : series) {
      if (s != null && !remove.test(s)) {
        kept[n++] = s;
      }
    }
    if (n == size) {
      return;
    }
    int capacity = 8;
    while (n * 4 > capacity * 3) {
      capacity *= 2;
    }
    int[] h = new int[capacity];
    MemSeries[] t = new MemSeries[capacity];
    for (int i = 0; i < n; i++) {
      insert(h, t, kept[i].labels.hashCode(), kept[i]);
    }
    hashes = h;
    series = t;
    size = n;
  }

  int size() {
    return size;
  }

  private void rehash(int capacity) {
    int[] h = new int[capacity];
    MemSeries[] t = new MemSeries[capacity];
    for (int i = 0; i < series.length; i++) {
      if (series[i] != null) {
        insert(h, t, hashes[i], series[i]);
      }
    }
    hashes = h;
    series = t;
  }

  private static void insert(int[] h, MemSeries[] t, int hash, MemSeries s) {
    int mask = t.length - 1;
    int i = slot(hash, mask);
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    h[i] = hash;
    t[i] = s;
  }

  private static int slot(int hash, int mask) {
    // Labels hash with Arrays.hashCode, whose low bits cluster; spread them over the table.
    return (hash * 0x9E3779B9) >>> 7 & mask;
  }
}
