package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeapTrimmerTest {

  private static final long MIB = 1L << 20;

  @Test
  void trimsAHeapThatGrewPastTwiceTheLiveData() {
    // The measured case: 12 MiB live, G1 grew the heap to 208 MiB during warm-up.
    assertThat(HeapTrimmer.worthTrimming(208 * MIB, 12 * MIB)).isTrue();
    assertThat(HeapTrimmer.worthTrimming(2100 * MIB, 1000 * MIB)).isTrue();
  }

  @Test
  void leavesAHeapWithinTwiceTheLiveData() {
    assertThat(HeapTrimmer.worthTrimming(1900 * MIB, 1000 * MIB)).isFalse();
    assertThat(HeapTrimmer.worthTrimming(2000 * MIB, 1000 * MIB)).isFalse();
  }

  @Test
  void leavesUpToTwoYoungRegionsAboveTwiceTheLiveDataAlone() {
    // 24 + 8 MiB committed for 12 MiB live: two 4-MiB regions of young generation.
    assertThat(HeapTrimmer.worthTrimming(32 * MIB, 12 * MIB)).isFalse();
    assertThat(HeapTrimmer.worthTrimming(33 * MIB, 12 * MIB)).isTrue();
  }

  @Test
  void trimsAHeapThatPromotedGarbageGrewOverALongRun() {
    // Session 6, 2,020 series: 32 MiB committed after the start trim, 40 after 15 minutes, 44
    // after 20, while the old generation's use (20-27 MiB) was mostly promoted garbage; judged
    // against it the heap never looked worth a trim. Against ~16 MiB live it is.
    assertThat(HeapTrimmer.worthTrimming(32 * MIB, 16 * MIB)).isFalse();
    assertThat(HeapTrimmer.worthTrimming(44 * MIB, 16 * MIB)).isTrue();
  }

  @Test
  void waitsForTheFirstCollectionBeforeJudging() {
    assertThat(HeapTrimmer.worthTrimming(388 * MIB, -1)).isFalse();
  }

  @Test
  void spacesTrimsByTheCurrentSpacingAfterAShortPause() {
    long now = 1_000_000_000_000L;
    long spacing = HeapTrimmer.CHECK_EVERY.toNanos();

    long next = HeapTrimmer.nextAllowed(now, Duration.ofMillis(20).toNanos(), spacing);

    assertThat(next - now).isEqualTo(spacing);
  }

  @Test
  void spacesTrimsSoTheirPausesStayWithinHalfAPercentOfWallTime() {
    long now = 1_000_000_000_000L;

    long next =
        HeapTrimmer.nextAllowed(
            now, Duration.ofSeconds(2).toNanos(), HeapTrimmer.CHECK_EVERY.toNanos());

    assertThat(Duration.ofNanos(next - now)).isEqualTo(Duration.ofSeconds(400));
  }

  @Test
  void doublesTheSpacingWhileG1GrowsTheHeapStraightBack() {
    long spacing = HeapTrimmer.CHECK_EVERY.toNanos();
    long first = HeapTrimmer.nextSpacing(-1, spacing);
    assertThat(first).isEqualTo(spacing);

    long second = HeapTrimmer.nextSpacing(spacing + 1_000_000_000L, first);
    long third = HeapTrimmer.nextSpacing(2 * spacing + 1_000_000_000L, second);

    assertThat(second).isEqualTo(2 * spacing);
    assertThat(third).isEqualTo(4 * spacing);
  }

  @Test
  void capsTheSpacing() {
    long max = HeapTrimmer.MAX_SPACING.toNanos();

    assertThat(HeapTrimmer.nextSpacing(max, max)).isEqualTo(max);
  }

  @Test
  void trimsALongRunningHeapAtLeastEveryFourMinutesUnlessItsPausesAreLong() {
    long max = HeapTrimmer.MAX_SPACING.toNanos();
    long now = 1_000_000_000_000L;

    assertThat(
            Duration.ofNanos(
                HeapTrimmer.nextAllowed(now, Duration.ofMillis(60).toNanos(), max) - now))
        .isEqualTo(Duration.ofMinutes(4));
    assertThat(
            Duration.ofNanos(
                HeapTrimmer.nextAllowed(now, Duration.ofSeconds(3).toNanos(), max) - now))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void resetsTheSpacingOnceTheHeapStayedSmallForTwiceTheSpacing() {
    long spacing = Duration.ofMinutes(2).toNanos();

    long next = HeapTrimmer.nextSpacing(Duration.ofMinutes(5).toNanos(), spacing);

    assertThat(next).isEqualTo(HeapTrimmer.CHECK_EVERY.toNanos());
  }
}
