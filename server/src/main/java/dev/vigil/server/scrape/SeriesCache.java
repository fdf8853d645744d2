package dev.vigil.server.scrape;

import dev.vigil.server.model.Labels;
import java.util.HashMap;
import java.util.Map;

/**
 * One target's map from a sample's series text, as exposed, to the final label set (target labels
 * merged in), so a steady target is parsed without building label sets.
 *
 * <p>Handing back the same {@link Labels} instance every scrape also makes the staleness
 * bookkeeping and the storage's series lookup compare by identity. Entries a scrape did not see are
 * dropped when it ends, so churning series do not pile up (Prometheus keeps them one scrape
 * longer; a series that comes back is merely parsed again). The cache belongs to one scrape loop:
 * a loop with changed settings (labels, honor_labels) starts with an empty one.
 */
final class SeriesCache implements TextFormatParser.SeriesLabels {

  private static final class Entry {
    final Labels labels;
    long seen;

    Entry(Labels labels) {
      this.labels = labels;
    }
  }

  private final LabelMerger merger;
  private final Map<String, Entry> byText = new HashMap<>();
  private long scrape;
  private int seenThisScrape;

  SeriesCache(LabelMerger merger) {
    this.merger = merger;
  }

  /** Starts a scrape's lookups. */
  void beginScrape() {
    scrape++;
    seenThisScrape = 0;
  }

  @Override
  public Labels labels(String seriesText, TextFormatParser.LabelsParser parser)
      throws ParseException {
    Entry e = byText.get(seriesText);
    if (e == null) {
      e = new Entry(merger.apply(parser.parse()));
      byText.put(seriesText, e);
    }
    if (e.seen != scrape) {
      e.seen = scrape;
      seenThisScrape++;
    }
    return e.labels;
  }

  /**
   * Ends a successfully parsed scrape: forgets series it did not expose. A failed scrape keeps
   * the cache as it was, since the target most likely exposes the same series next time.
   */
  void endScrape() {
    if (byText.size() > seenThisScrape) {
      long current = scrape;
      byText.values().removeIf(e -> e.seen != current);
    }
  }

  int size() {
    return byText.size();
  }
}
