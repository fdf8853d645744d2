package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaleSeriesTrackerTest {

  private static SeriesCache.Entry entry(String name) {
    return new SeriesCache.Entry(null, 0, Labels.of("__name__", name));
  }

  private final SeriesCache.Entry a = entry("a");
  private final SeriesCache.Entry b = entry("b");
  private final SeriesCache.Entry c = entry("c");

  /** One scrape writing {@code entries}; returns how many were new and which went stale. */
  private static List<String> scrape(StaleSeriesTracker t, int[] added, SeriesCache.Entry... es) {
    t.begin();
    added[0] = 0;
    for (SeriesCache.Entry e : es) {
      if (t.track(e)) {
        added[0]++;
      }
    }
    List<String> gone = new ArrayList<>();
    t.end(l -> gone.add(l.metricName()));
    return gone;
  }

  @Test
  void marksWhatTheLastScrapeWroteAndThisOneDidNotAndCountsNewSeriesOnce() {
    StaleSeriesTracker t = new StaleSeriesTracker(Set.of());
    int[] added = {0};

    assertThat(scrape(t, added, a, b, b)).isEmpty();
    assertThat(added[0]).isEqualTo(2);
    assertThat(scrape(t, added, a, c)).containsExactly("b");
    assertThat(added[0]).isEqualTo(1);
    assertThat(scrape(t, added, a, c)).isEmpty(); // b is not marked twice
    assertThat(added[0]).isZero();
  }

  @Test
  void aFailedScrapeMakesEverySeriesStaleAndTheNextOneCountsThemAsNew() {
    StaleSeriesTracker t = new StaleSeriesTracker(Set.of());
    int[] added = {0};
    scrape(t, added, a, b);

    List<String> gone = new ArrayList<>();
    t.clear(l -> gone.add(l.metricName()));

    assertThat(gone).containsExactlyInAnyOrder("a", "b");
    assertThat(scrape(t, added, a)).isEmpty();
    assertThat(added[0]).isEqualTo(1);
  }

  @Test
  void takesOverTheSeriesOfTheLoopItReplaces() {
    StaleSeriesTracker t =
        new StaleSeriesTracker(Set.of(Labels.of("__name__", "a"), Labels.of("__name__", "b")));
    int[] added = {0};

    assertThat(scrape(t, added, a, c)).containsExactly("b");
    assertThat(added[0]).isEqualTo(1); // only c: a was known to the replaced loop
    assertThat(t.snapshot()).containsExactlyInAnyOrder(a.labels, c.labels);
  }
}
