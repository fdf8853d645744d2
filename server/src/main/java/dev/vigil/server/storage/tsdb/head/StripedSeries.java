package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The head's series, findable by label set and by ref, in lock stripes so that appenders of
 * different series rarely contend.
 *
 * <p>A series lives in the label stripe of its label hash (for lookup by labels) and in the ref
 * stripe of its ref (for lookup from postings). The two kinds are separate lock objects so that one
 * lock order holds everywhere: label stripe, then series monitor, then ref stripe.
 */
final class StripedSeries {

  /** Runs of 2^this consecutive refs share a ref stripe (see {@link #refStripe}). */
  private static final int REF_RUN_BITS = 6;

  private final LabelStripe[] labelStripes;
  private final RefStripe[] refStripes;
  private final int mask;
  private final int labelShift;

  /** Series whose label hash falls into this stripe; the object is the lock. */
  private static final class LabelStripe {
    final LabelMap byLabels = new LabelMap();
  }

  /** Series whose ref falls into this stripe; the object is the lock. */
  private static final class RefStripe {
    final RefMap byRef = new RefMap();
  }

  StripedSeries(int stripeCount) {
    labelStripes = new LabelStripe[stripeCount];
    refStripes = new RefStripe[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      labelStripes[i] = new LabelStripe();
      refStripes[i] = new RefStripe();
    }
    mask = stripeCount - 1;
    labelShift = 32 - Integer.numberOfTrailingZeros(stripeCount);
  }

  MemSeries getByLabels(Labels labels) {
    LabelStripe s = labelStripe(labels);
    synchronized (s) {
      return s.byLabels.get(labels);
    }
  }

  MemSeries getByRef(long ref) {
    RefStripe s = refStripe(ref);
    synchronized (s) {
      return s.byRef.get(ref);
    }
  }

  /**
   * The series with {@code ref} for an appender: first without the stripe's lock (the steady
   * scrape's by-ref append, one lock pair per sample fewer), checked by the series' final ref,
   * else as {@link #getByRef}. It may return a series truncation has just removed, as a locked
   * lookup a moment earlier would have; the commit replaces such a series (Head.apply).
   */
  MemSeries findForAppend(long ref) {
    RefStripe s = refStripe(ref);
    MemSeries found = s.byRef.getRacy(ref);
    if (found != null && found.ref == ref) {
      return found;
    }
    synchronized (s) {
      return s.byRef.get(ref);
    }
  }

  /**
   * The series with {@code labels}, created by {@code factory} when absent. Both callbacks run
   * under the label stripe's lock: {@code factory} builds the series, {@code onCreated} runs once
   * it is findable by ref (so that indexing it last never exposes a ref without a series).
   *
   * @return the existing or new series
   */
  MemSeries getOrCreate(
      Labels labels, Function<Labels, MemSeries> factory, Consumer<MemSeries> onCreated) {
    LabelStripe s = labelStripe(labels);
    synchronized (s) {
      MemSeries existing = s.byLabels.get(labels);
      if (existing != null) {
        return existing;
      }
      MemSeries created = factory.apply(labels);
      // Keyed by the series' own (interned) labels, not the caller's copy, which would keep the
      // scrape's fresh strings alive for the life of the series.
      s.byLabels.add(created);
      RefStripe r = refStripe(created.ref);
      synchronized (r) {
        r.byRef.put(created.ref, created);
      }
      onCreated.accept(created);
      return created;
    }
  }

  /** Applies {@code visitor} to every series, under each series' lock, removing those it flags. */
  Map<Long, Labels> removeIf(SeriesVisitor visitor) {
    Map<Long, Labels> removed = new HashMap<>();
    for (LabelStripe s : labelStripes) {
      synchronized (s) {
        s.byLabels.removeIf(
            series -> {
              synchronized (series) {
                if (!visitor.shouldRemove(series)) {
                  return false;
                }
                series.removed = true;
                RefStripe r = refStripe(series.ref);
                synchronized (r) {
                  r.byRef.remove(series.ref);
                }
                removed.put(series.ref, series.labels);
                return true;
              }
            });
      }
    }
    return removed;
  }

  /** Decides, holding the series' lock, whether truncation drops a series. */
  @FunctionalInterface
  interface SeriesVisitor {
    boolean shouldRemove(MemSeries series);
  }

  private LabelStripe labelStripe(Labels labels) {
    // Take the stripe from the top bits of a multiplicative hash: LabelMap takes its slot from
    // lower bits of the same product, and sharing bits here would put all of a stripe's series
    // into a few slots.
    long mixed = (labels.hashCode() * 0x9E3779B9L) & 0xFFFF_FFFFL;
    return labelStripes[(int) (mixed >>> labelShift)];
  }

  /**
   * The stripe of {@code ref}: runs of 64 consecutive refs share one.
   * Why: a scrape appends its target's series in the order they were created, which is ref order,
   * so a run's stripe, its map and its map's arrays are found in cache for the run's later samples.
   * With one stripe per ref (refs spread over the 1,024 stripes one by one) every sample's lookup
   * missed the cache on the stripe, its map and both arrays; at 20k series that lookup was the
   * largest cost of an append. Locking is unaffected: a ref always maps to the same stripe, and
   * series are created a few at a time.
   */
  private RefStripe refStripe(long ref) {
    long run = ref >>> REF_RUN_BITS;
    return refStripes[(int) (run ^ (run >>> 32)) & mask];
  }
}
