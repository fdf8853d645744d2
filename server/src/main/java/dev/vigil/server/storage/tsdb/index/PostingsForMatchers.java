package dev.vigil.server.storage.tsdb.index;

import dev.vigil.server.model.LabelMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a selector's matchers into postings without scanning all series, with Prometheus's
 * semantics: an absent label reads as "", so a matcher that accepts "" also selects series that
 * lack the label.
 *
 * <p>Each matcher becomes either a set to intersect with or a set to subtract. A matcher that
 * accepts "" cannot be answered by looking up label values (absent labels have no postings), so it
 * is turned around: {@code a!="x"} subtracts the series with {@code a="x"}, and {@code a=~"|x"}
 * subtracts the series whose {@code a} has a value the regex rejects. Only when nothing is left to
 * intersect with does the result start from all series.
 */
public final class PostingsForMatchers {

  private PostingsForMatchers() {}

  /** The refs of series in {@code index} satisfying every matcher; empty for no matchers. */
  public static Postings select(PostingsSource index, List<LabelMatcher> matchers) {
    if (matchers.isEmpty()) {
      return Postings.empty();
    }
    List<Postings> intersect = new ArrayList<>();
    List<Postings> subtract = new ArrayList<>();
    for (LabelMatcher m : matchers) {
      boolean regex = m.type() == LabelMatcher.Type.REGEX;
      if (regex && m.value().equals(".*")) {
        continue; // accepts every value and every absence: no constraint at all
      }
      if (!m.matchesEmpty()) {
        intersect.add(postingsFor(index, m, false));
      } else {
        subtract.add(postingsFor(index, m, true));
      }
    }
    if (intersect.isEmpty()) {
      intersect.add(index.allPostings());
    }
    Postings result = Postings.intersect(intersect);
    return subtract.isEmpty() ? result : Postings.without(result, Postings.merge(subtract));
  }

  /**
   * Series having label {@code m.name()} with a value {@code m} accepts, or rejects if inverted.
   */
  private static Postings postingsFor(PostingsSource index, LabelMatcher m, boolean inverted) {
    if (m.type() == LabelMatcher.Type.EQUAL && !inverted) {
      return index.postings(m.name(), m.value());
    }
    if (m.type() == LabelMatcher.Type.NOT_EQUAL && inverted) {
      return index.postings(m.name(), m.value());
    }
    return index.postingsMatching(m.name(), ValueFilter.of(m, inverted));
  }
}
