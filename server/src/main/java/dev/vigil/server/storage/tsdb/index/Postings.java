package dev.vigil.server.storage.tsdb.index;

import java.util.Arrays;
import java.util.List;

/**
 * A forward-only cursor over series refs in strictly increasing order: {@code while (p.next())
 * use(p.at());}. Not thread-safe.
 *
 * <p>The combinators keep the order, so matchers combine without materialising sets.
 */
public interface Postings {

  /** Advances to the next ref; false when exhausted. */
  boolean next();

  /**
   * Advances to the first ref >= {@code ref}, staying put when already there (also before the first
   * {@link #next()}); false when none is left.
   */
  boolean seek(long ref);

  /** The current ref; valid after {@link #next()} or {@link #seek} returned true. */
  long at();

  /** No refs. */
  static Postings empty() {
    return ListPostings.EMPTY;
  }

  /** The given refs, which must be strictly increasing. */
  static Postings of(long... sortedRefs) {
    for (int i = 1; i < sortedRefs.length; i++) {
      if (sortedRefs[i] <= sortedRefs[i - 1]) {
        throw new IllegalArgumentException(
            "refs not strictly increasing at index " + i + ": " + Arrays.toString(sortedRefs));
      }
    }
    return new ListPostings(sortedRefs, 0, sortedRefs.length);
  }

  /** Refs present in every input; empty for no inputs. */
  static Postings intersect(List<Postings> inputs) {
    return switch (inputs.size()) {
      case 0 -> empty();
      case 1 -> inputs.get(0);
      default -> new IntersectPostings(inputs);
    };
  }

  /** Refs present in any input, each once. */
  static Postings merge(List<Postings> inputs) {
    return switch (inputs.size()) {
      case 0 -> empty();
      case 1 -> inputs.get(0);
      default -> new MergePostings(inputs);
    };
  }

  /** Refs of {@code full} that are not in {@code drop}. */
  static Postings without(Postings full, Postings drop) {
    return new WithoutPostings(full, drop);
  }

  /** Drains the rest of {@code p} into an array. */
  static long[] toArray(Postings p) {
    long[] out = new long[16];
    int n = 0;
    while (p.next()) {
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = p.at();
    }
    return Arrays.copyOf(out, n);
  }
}
