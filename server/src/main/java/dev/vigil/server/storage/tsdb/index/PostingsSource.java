package dev.vigil.server.storage.tsdb.index;

/**
 * What {@link PostingsForMatchers} needs from an inverted index, so the same matcher logic serves
 * the in-memory head and, later, on-disk block indexes.
 */
public interface PostingsSource {

  /** Refs of series that have label {@code name} with exactly {@code value}. */
  Postings postings(String name, String value);

  /** The union of postings of every value of {@code name} that {@code filter} accepts. */
  Postings postingsMatching(String name, ValueFilter filter);

  /** Refs of all series. */
  Postings allPostings();
}
