package dev.vigil.server.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.promql.value.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The start-timestamp rules, one OTel situation per test. Samples one minute apart at 2m and 3m;
 * STs in milliseconds, 0 meaning unknown.
 */
class StartTimestampsTest {

  private static final long PREV_T = 120_000;
  private static final long CUR_T = 180_000;

  private static boolean reset(long prevSt, long curSt) {
    return StartTimestamps.isReset(new Point(PREV_T, 1, prevSt), new Point(CUR_T, 1, curSt));
  }

  @Test
  void unknownStartTimestampIsNeverAReset() {
    assertThat(reset(60_000, 0)).isFalse();
  }

  @Test
  void cumulativeSampleContinuingTheSameCountIsNoReset() {
    assertThat(reset(30_000, 30_000)).isFalse();
  }

  @Test
  void startAfterThePreviousSampleIsAReset() {
    assertThat(reset(30_000, 150_000)).isTrue();
  }

  @Test
  void deltaPointStartingAtThePreviousSampleIsAReset() {
    assertThat(reset(60_000, PREV_T)).isTrue();
  }

  @Test
  void cumulativeWithUnknownStartPointingBackIsNoReset() {
    // OTel: the second point of a cumulative series whose start is unknown carries ST = T_prev.
    assertThat(reset(0, PREV_T)).isFalse();
    assertThat(reset(PREV_T, PREV_T)).isFalse();
  }

  @Test
  void invalidPreviousStartTimestampIsNotMistakenForADelta() {
    assertThat(reset(PREV_T + 60_000, PREV_T)).isFalse();
  }

  @Test
  void startAtOrAfterTheSampleItselfIsIgnored() {
    assertThat(reset(30_000, CUR_T)).isFalse();
    assertThat(reset(30_000, CUR_T + 1)).isFalse();
  }

  @Test
  void overlapIsAStartBeforeThePreviousSampleThatDoesNotContinueItsCount() {
    Point prev = new Point(PREV_T, 60, 90_000);
    assertThat(StartTimestamps.overlaps(prev, new Point(CUR_T, 1, 60_000))).isTrue();
    assertThat(StartTimestamps.overlaps(prev, new Point(CUR_T, 1, 90_000))).isFalse();
    assertThat(StartTimestamps.overlaps(prev, new Point(CUR_T, 1, PREV_T))).isFalse();
    assertThat(StartTimestamps.overlaps(prev, new Point(CUR_T, 1, 0))).isFalse();
  }

  @Test
  void firstStartCountsOnlyStrictlyInsideTheWindowAndBeforeItsSample() {
    List<Point> p = List.of(new Point(PREV_T, 5, 60_000));
    assertThat(StartTimestamps.usableFirstStart(p, 30_000)).isEqualTo(60_000);
    assertThat(StartTimestamps.usableFirstStart(p, 60_000)).isZero();
    assertThat(StartTimestamps.usableFirstStart(List.of(new Point(PREV_T, 5, PREV_T)), 0))
        .isZero();
    assertThat(StartTimestamps.usableFirstStart(List.of(new Point(PREV_T, 5)), 0)).isZero();
  }
}
