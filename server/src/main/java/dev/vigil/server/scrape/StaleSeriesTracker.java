package dev.vigil.server.scrape;

import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The series one target's last successful scrape wrote (those without their own timestamps), so
 * that the ones a scrape no longer exposes get stale markers: Prometheus's previous/current series
 * sets. Membership is a stamp on the series cache entry rather than a hash set of label sets, so
 * a steady scrape allocates nothing here.
 *
 * <p>Series are told apart by cache entry, that is by exposed text: a target that spells one label
 * set two ways in one scrape (an invalid exposition; the store refuses the second sample) counts
 * it twice. Not thread-safe; the scrape loop's lock guards it.
 */
final class StaleSeriesTracker {

  private static final long NONE = Long.MIN_VALUE;

  private ArrayList<SeriesCache.Entry> last = new ArrayList<>();
  private ArrayList<SeriesCache.Entry> current = new ArrayList<>();
  /** The series of a loop this one replaced, until this loop's first successful scrape. */
  private Set<Labels> inherited;
  private long scrape;
  private long lastScrape = NONE;

  /** Starts empty, or with the series a replaced loop's last scrape wrote. */
  StaleSeriesTracker(Collection<Labels> inherited) {
    this.inherited = inherited.isEmpty() ? null : new HashSet<>(inherited);
  }

  /** Starts tracking a successful scrape's series. */
  void begin() {
    scrape++;
    current.clear();
  }

  /** Records that this scrape wrote {@code e}'s series; whether the last scrape did not. */
  boolean track(SeriesCache.Entry e) {
    if (e.tracked == scrape) {
      return false;
    }
    boolean known =
        e.tracked == lastScrape || (inherited != null && inherited.contains(e.labels));
    e.tracked = scrape;
    current.add(e);
    return !known;
  }

  /**
   * Ends the scrape begun last, handing {@code gone} each series the previous scrape wrote and
   * this one did not.
   */
  void end(Consumer<Labels> gone) {
    for (SeriesCache.Entry e : last) {
      if (e.tracked != scrape) {
        gone.accept(e.labels);
      }
    }
    if (inherited != null) {
      Set<Labels> now = new HashSet<>();
      for (SeriesCache.Entry e : current) {
        now.add(e.labels);
      }
      for (Labels l : inherited) {
        if (!now.contains(l)) {
          gone.accept(l);
        }
      }
      inherited = null;
    }
    ArrayList<SeriesCache.Entry> swap = last;
    last = current;
    current = swap;
    current.clear();
    lastScrape = scrape;
  }

  /**
   * Forgets every series after handing each to {@code gone}: a failed scrape or a removed target
   * makes all of them stale.
   */
  void clear(Consumer<Labels> gone) {
    snapshot().forEach(gone);
    last.clear();
    inherited = null;
    lastScrape = NONE;
  }

  /** The label sets of the last scrape's series, for a loop that replaces this one. */
  Set<Labels> snapshot() {
    Set<Labels> out = new HashSet<>();
    for (SeriesCache.Entry e : last) {
      out.add(e.labels);
    }
    if (inherited != null) {
      out.addAll(inherited);
    }
    return out;
  }
}
