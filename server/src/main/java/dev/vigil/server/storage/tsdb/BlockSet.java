package dev.vigil.server.storage.tsdb;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockFiles;
import dev.vigil.server.storage.tsdb.block.BlockMeta;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The TSDB's current on-disk blocks, sorted by time, swapped as a whole by flushes, compactions
 * and retention while queries read a consistent list.
 *
 * <p>Each block carries a reference count: one for being in the set, one per open querier. A block
 * swapped out is deleted when its last querier closes, so a query that started before a compaction
 * reads the parents to the end instead of a directory deleted under it.
 */
final class BlockSet {

  private static final System.Logger logger = System.getLogger(BlockSet.class.getName());

  /** A block and the holders keeping its directory alive. */
  static final class Handle {
    final Block block;
    /** Bytes on disk, read once: blocks never change. */
    final long bytes;
    /** 1 for membership plus 1 per querier; the directory goes when this reaches 0. */
    private final AtomicInteger refs = new AtomicInteger(1);

    private volatile boolean deleteWhenUnused;

    Handle(Block block) {
      this.block = block;
      this.bytes = BlockFiles.sizeOf(block.dir());
    }

    BlockMeta meta() {
      return block.meta();
    }

    /** Takes a reference unless the block has already been let go. */
    private boolean tryAcquire() {
      int r;
      do {
        r = refs.get();
        if (r == 0) {
          return false;
        }
      } while (!refs.compareAndSet(r, r + 1));
      return true;
    }

    private void release() {
      if (refs.decrementAndGet() == 0 && deleteWhenUnused) {
        try {
          BlockFiles.delete(block.dir());
        } catch (RuntimeException e) {
          // The directory stays; the next start finds it subsumed or out of retention again.
          logger.log(Level.WARNING, "cannot delete block " + block.dir(), e);
        }
      }
    }
  }

  private final AtomicReference<List<Handle>> current = new AtomicReference<>(List.of());

  BlockSet(List<Block> initial) {
    List<Handle> handles = new ArrayList<>();
    for (Block b : initial) {
      handles.add(new Handle(b));
    }
    current.set(sorted(handles));
  }

  /** The blocks now in the set, oldest first. */
  List<Handle> list() {
    return current.get();
  }

  /** The highest end of any block's range, or Long.MIN_VALUE when there is none. */
  long maxTime() {
    long max = Long.MIN_VALUE;
    for (Handle h : current.get()) {
      max = Math.max(max, h.meta().maxTime());
    }
    return max;
  }

  /** Bytes of all blocks in the set. */
  long bytes() {
    long total = 0;
    for (Handle h : current.get()) {
      total += h.bytes;
    }
    return total;
  }

  /**
   * Queriers over the blocks overlapping {@code [minTime, maxTime]} (inclusive, as Storage's),
   * most recently created first; each releases its block when closed.
   */
  List<Querier> queriers(long minTime, long maxTime) {
    while (true) {
      List<Handle> snapshot = current.get();
      List<Handle> taken = new ArrayList<>();
      boolean raced = false;
      for (Handle h : snapshot) {
        BlockMeta m = h.meta();
        if (m.minTime() > maxTime || m.maxTime() <= minTime) {
          continue;
        }
        if (!h.tryAcquire()) {
          raced = true; // swapped out and released since the snapshot: a newer list exists
          break;
        }
        taken.add(h);
      }
      if (raced) {
        taken.forEach(Handle::release);
        continue;
      }
      // Most recently created first: where blocks overlap, the merge shows the first one's
      // sample, and compaction keeps the same one (Compactor.compact).
      taken.sort(Comparator.comparing((Handle h) -> h.meta().id()).reversed());
      List<Querier> out = new ArrayList<>(taken.size());
      for (Handle h : taken) {
        out.add(new Leased(h, minTime, maxTime));
      }
      return out;
    }
  }

  /** Adds {@code added} and removes {@code removed} atomically; removed blocks go once unused. */
  synchronized void swap(List<Block> added, Set<String> removedIds) {
    List<Handle> next = new ArrayList<>();
    List<Handle> gone = new ArrayList<>();
    for (Handle h : current.get()) {
      (removedIds.contains(h.meta().id()) ? gone : next).add(h);
    }
    for (Block b : added) {
      next.add(new Handle(b));
    }
    current.set(sorted(next));
    for (Handle h : gone) {
      h.deleteWhenUnused = true;
      h.release();
    }
  }

  private static List<Handle> sorted(List<Handle> handles) {
    List<Handle> out = new ArrayList<>(handles);
    out.sort(
        Comparator.comparingLong((Handle h) -> h.meta().minTime())
            .thenComparing(h -> h.meta().id()));
    return List.copyOf(out);
  }

  /** A block querier that gives its reference back once, on close. */
  private static final class Leased implements Querier {
    private final Handle handle;
    private final Querier delegate;
    private boolean closed;

    Leased(Handle handle, long minTime, long maxTime) {
      this.handle = handle;
      this.delegate = handle.block.querier(minTime, maxTime);
    }

    @Override
    public SeriesSet select(
        boolean sorted, List<LabelMatcher> matchers) {
      return delegate.select(sorted, matchers);
    }

    @Override
    public List<String> labelNames(List<LabelMatcher> matchers) {
      return delegate.labelNames(matchers);
    }

    @Override
    public List<String> labelValues(
        String name, List<LabelMatcher> matchers) {
      return delegate.labelValues(name, matchers);
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        delegate.close();
      } finally {
        handle.release();
      }
    }
  }
}
