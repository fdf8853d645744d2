package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeTrimCadenceTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long CHECK = HeapTrimmer.CHECK_EVERY.toNanos();
  private static final long T0 = 5_000 * SECOND;

  @Test
  void trimsAtTheFirstCheckAfterTheStartUpsCompilations() {
    // Compilation time counts from JVM start; the start-up compiled for ~2.8 s (measured).
    NativeTrimCadence cadence = new NativeTrimCadence(T0, 0);

    assertThat(cadence.due(T0 + CHECK, 2_790, false)).isTrue();
  }

  @Test
  void trimsAtEveryCheckWhileTheJitKeepsCompiling() {
    NativeTrimCadence cadence = new NativeTrimCadence(T0, 0);
    long compile = 2_790;
    for (int i = 1; i <= 6; i++) {
      long now = T0 + i * CHECK;
      assertThat(cadence.due(now, compile, false)).as("check %d", i).isTrue();
      cadence.trimmed(now, compile);
      compile += 150;
    }
  }

  @Test
  void waitsForTheQuietSpacingOnceTheJitSettles() {
    NativeTrimCadence cadence = new NativeTrimCadence(T0, 0);
    cadence.trimmed(T0, 3_560);
    long quiet = NativeTrimCadence.QUIET_EVERY.toNanos();

    // A few small compilations (under the busy threshold) between checks.
    assertThat(cadence.due(T0 + CHECK, 3_565, false)).isFalse();
    assertThat(cadence.due(T0 + quiet - 1, 3_570, false)).isFalse();
    assertThat(cadence.due(T0 + quiet, 3_570, false)).isTrue();
  }

  @Test
  void countsCompilationSinceTheLastTrimNotSinceTheLastCheck() {
    NativeTrimCadence cadence = new NativeTrimCadence(T0, 0);
    cadence.trimmed(T0, 3_000);
    long busy = NativeTrimCadence.BUSY_COMPILE_MILLIS;

    assertThat(cadence.due(T0 + CHECK, 3_000 + busy / 2, false)).isFalse();
    assertThat(cadence.due(T0 + 2 * CHECK, 3_000 + busy, false)).isTrue();
  }

  @Test
  void trimsRightAfterAHeapTrim() {
    NativeTrimCadence cadence = new NativeTrimCadence(T0, 0);
    cadence.trimmed(T0, 3_000);

    assertThat(cadence.due(T0 + CHECK, 3_000, true)).isTrue();
  }

  @Test
  void fallsBackToTheQuietSpacingWhenTheJvmDoesNotReportCompilationTime() {
    NativeTrimCadence cadence = new NativeTrimCadence(T0, 0);
    long quiet = NativeTrimCadence.QUIET_EVERY.toNanos();

    assertThat(cadence.due(T0 + CHECK, -1, false)).isFalse();
    assertThat(cadence.due(T0 + quiet, -1, false)).isTrue();
  }
}
