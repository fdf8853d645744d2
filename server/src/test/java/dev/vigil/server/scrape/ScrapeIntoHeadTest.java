package dev.vigil.server.scrape;

import static dev.vigil.server.testing.StorageContents.series;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.storage.tsdb.head.HeadOptions;
import dev.vigil.server.telemetry.TelemetryRegistry;
import dev.vigil.server.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scrapes a real HTTP target into the TSDB head, whose appender hands out series refs that the
 * scrape loop's cache keeps: steady scrapes append by ref, and refs the head no longer knows
 * (truncated series) must fall back to the labels without losing or misplacing a sample.
 */
class ScrapeIntoHeadTest {

  private static final long T0 = 1_700_000_000_000L;

  private final TelemetryRegistry registry = new TelemetryRegistry();
  private final Head head = new Head(HeadOptions.builder().minValidTime(0).build());
  private final MutableClock clock = new MutableClock(T0);
  private final ScrapeManager manager = ScrapeManager.manual(head, registry, clock);
  private final TestTarget target;

  ScrapeIntoHeadTest() throws IOException {
    target = new TestTarget();
  }

  @AfterEach
  void tearDown() {
    manager.close();
    target.close();
    head.close();
  }

  private void scrape() throws Exception {
    manager.scrapeNow().get(30, TimeUnit.SECONDS);
  }

  private void start() throws Exception {
    manager.apply(
        new ConfigLoader(n -> null)
            .parse(
                """
                scrape_configs:
                  - job_name: app
                    static_configs:
                      - targets: ["%s"]
                """
                    .formatted(target.address()),
                "test.yml"));
  }

  @Test
  void steadyScrapesLandInTheirOwnSeries() throws Exception {
    target.serve("a{k=\"1\"} 1\na{k=\"2\"} 2\nb 3\n");
    start();
    for (int i = 0; i < 4; i++) {
      scrape();
      clock.advance(Duration.ofSeconds(15));
      target.serve("a{k=\"1\"} " + (10 + i) + "\na{k=\"2\"} " + (20 + i) + "\nb " + (30 + i) + "\n");
    }

    assertThat(series(head, "a").values())
        .containsExactly(
            List.of(T0 + "=1.0", T0 + 15_000 + "=10.0", T0 + 30_000 + "=11.0", T0 + 45_000 + "=12.0"),
            List.of(T0 + "=2.0", T0 + 15_000 + "=20.0", T0 + 30_000 + "=21.0", T0 + 45_000 + "=22.0"));
    assertThat(series(head, "b").values())
        .containsExactly(
            List.of(T0 + "=3.0", T0 + 15_000 + "=30.0", T0 + 30_000 + "=31.0", T0 + 45_000 + "=32.0"));
    assertThat(head.stats().series()).isEqualTo(3 + 5); // plus up and the scrape_* series
  }

  @Test
  void seriesTruncatedFromTheHeadAreRecreatedOnTheirNextScrape() throws Exception {
    target.serve("a 1\nb 2\n");
    start();
    scrape();
    clock.advance(Duration.ofSeconds(15));
    scrape(); // now every series is known to the cache by ref
    head.truncateBefore(T0 + 20_000); // drops every series, and with them the cached refs
    assertThat(head.stats().series()).isZero();

    clock.advance(Duration.ofSeconds(15));
    target.serve("a 5\nb 6\n");
    scrape();
    clock.advance(Duration.ofSeconds(15));
    target.serve("a 7\nb 8\n");
    scrape();

    long t2 = T0 + 30_000;
    long t3 = T0 + 45_000;
    assertThat(series(head, "a").values()).containsExactly(List.of(t2 + "=5.0", t3 + "=7.0"));
    assertThat(series(head, "b").values()).containsExactly(List.of(t2 + "=6.0", t3 + "=8.0"));
    assertThat(series(head, "up").values()).containsExactly(List.of(t2 + "=1.0", t3 + "=1.0"));
  }
}
