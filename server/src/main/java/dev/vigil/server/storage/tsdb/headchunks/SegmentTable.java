package dev.vigil.server.storage.tsdb.headchunks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable index of live segments by their number, so readers find a segment without a lock.
 * Segments are numbered upwards and mostly deleted from the oldest, so an array from the lowest
 * live number, with holes for segments deleted out of order, stays short.
 */
final class SegmentTable {

  static final SegmentTable EMPTY = new SegmentTable(1, new ChunkSegment[0]);

  private final int base;
  private final ChunkSegment[] slots;

  private SegmentTable(int base, ChunkSegment[] slots) {
    this.base = base;
    this.slots = slots;
  }

  /** The segment numbered {@code index}, or null when it is not live. */
  ChunkSegment get(int index) {
    int i = index - base;
    return i >= 0 && i < slots.length ? slots[i] : null;
  }

  /** This table plus {@code seg}, whose number is above every number here. */
  SegmentTable with(ChunkSegment seg) {
    if (slots.length == 0) {
      return new SegmentTable(seg.index, new ChunkSegment[] {seg});
    }
    ChunkSegment[] grown = Arrays.copyOf(slots, seg.index - base + 1);
    grown[seg.index - base] = seg;
    return new SegmentTable(base, grown);
  }

  /** This table without the segment numbered {@code index}. */
  SegmentTable without(int index) {
    if (get(index) == null) {
      return this;
    }
    ChunkSegment[] copy = slots.clone();
    copy[index - base] = null;
    int first = 0;
    while (first < copy.length && copy[first] == null) {
      first++;
    }
    int last = copy.length;
    while (last > first && copy[last - 1] == null) {
      last--;
    }
    if (first == last) {
      return EMPTY;
    }
    return new SegmentTable(base + first, Arrays.copyOfRange(copy, first, last));
  }

  /** The live segments, oldest first. */
  List<ChunkSegment> all() {
    List<ChunkSegment> out = new ArrayList<>(slots.length);
    for (ChunkSegment s : slots) {
      if (s != null) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
