package dev.vigil.server.storage;

/** A forward-only cursor over series: {@code while (set.next()) use(set.at());}. */
public interface SeriesSet {

  /** Advances to the next series; false when there is none. */
  boolean next();

  /** The current series; valid after {@link #next()} returned true. */
  Series at();

  /** An empty set. */
  static SeriesSet empty() {
    return new SeriesSet() {
      @Override
      public boolean next() {
        return false;
      }

      @Override
      public Series at() {
        throw new IllegalStateException("empty series set");
      }
    };
  }
}
