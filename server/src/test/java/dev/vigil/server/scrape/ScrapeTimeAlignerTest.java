package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScrapeTimeAlignerTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final Duration INTERVAL = Duration.ofSeconds(15);

  private final ScrapeTimeAligner aligner =
      new ScrapeTimeAligner(INTERVAL, ScrapeManager.DEFAULT_TIMESTAMP_TOLERANCE);

  @ParameterizedTest(name = "scrape {0} ms off the schedule is stored at +{1} ms")
  @CsvSource({
    "0, 0",
    "1, 0",
    "2, 0", // the tolerance is inclusive, as in Prometheus
    "-1, 0",
    "-2, 0",
    "3, 3",
    "-3, -3",
    "7500, 7500"
  })
  void snapsScrapesWithinToleranceOntoTheSchedule(long offByMillis, long storedOffset) {
    aligner.align(T0);

    long stored = aligner.align(T0 + 15_000 + offByMillis);

    assertThat(stored).isEqualTo(T0 + 15_000 + storedOffset);
  }

  @Test
  void keepsTheScheduleAcrossMissedScrapes() {
    aligner.align(T0);

    assertThat(aligner.align(T0 + 45_001)).isEqualTo(T0 + 45_000);
  }

  @Test
  void jitteryScrapesGetExactIntervalMultiples() {
    long[] jitter = {0, 2, 1, 0, 2, 2, 1, 0};
    long[] stored = new long[jitter.length];
    for (int i = 0; i < jitter.length; i++) {
      stored[i] = aligner.align(T0 + i * 15_000L + jitter[i]);
    }

    for (int i = 2; i < stored.length; i++) {
      long deltaOfDelta = (stored[i] - stored[i - 1]) - (stored[i - 1] - stored[i - 2]);
      assertThat(deltaOfDelta).as("dod at %d", i).isZero();
    }
  }

  @Test
  void aScrapeOffTheScheduleBecomesTheNewAnchor() {
    aligner.align(T0);
    assertThat(aligner.align(T0 + 15_050)).isEqualTo(T0 + 15_050);

    // The wall clock moved (or the scheduler slipped) by 50 ms: later scrapes align to that phase.
    assertThat(aligner.align(T0 + 30_051)).isEqualTo(T0 + 30_050);
  }

  @Test
  void clampsTheToleranceToOnePercentOfTheInterval() {
    ScrapeTimeAligner fast = new ScrapeTimeAligner(Duration.ofMillis(100), Duration.ofMillis(50));

    assertThat(fast.toleranceMillis()).isEqualTo(1);
    fast.align(T0);
    assertThat(fast.align(T0 + 102)).isEqualTo(T0 + 102);
  }

  @Test
  void zeroToleranceStoresTheClockAsIs() {
    ScrapeTimeAligner off = new ScrapeTimeAligner(INTERVAL, Duration.ZERO);
    off.align(T0);

    assertThat(off.align(T0 + 15_001)).isEqualTo(T0 + 15_001);
  }

  @Test
  void rejectsANegativeTolerance() {
    assertThatThrownBy(() -> new ScrapeTimeAligner(INTERVAL, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tolerance must not be negative");
  }
}
