package dev.vigil.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.tooling.InstallPolicy.Decision;
import org.junit.jupiter.api.Test;

class InstallPolicyTest {

  private static final long MS = 1_000_000L;
  private static final long CAP = 5_000 * MS;

  /**
   * Offers samples every 50 ms in which the rest of the process uses {@code cpuPerSampleMs} of
   * CPU, until the policy decides; answers the elapsed milliseconds and the decision.
   */
  private static Object[] run(InstallPolicy policy, long cpuPerSampleMs) {
    long cpu = 0;
    for (long t = 0; t <= 60_000; t += 50) {
      Decision decision = policy.offer(t * MS, cpu * MS);
      if (decision != Decision.WAIT) {
        return new Object[] {t, decision};
      }
      cpu += cpuPerSampleMs;
    }
    throw new AssertionError("never decided");
  }

  @Test
  void installsAtOnceOnAnIdleMachineWithManyCores() {
    // 16 processors, the app keeps two of them busy: far below half.
    InstallPolicy policy = new InstallPolicy(16, CAP);

    assertThat(run(policy, 100)).containsExactly(50L, Decision.IDLE);
  }

  @Test
  void waitsOneWindowOnTwoProcessorsWhenTheAppIsQuiet() {
    InstallPolicy policy = new InstallPolicy(2, CAP);

    assertThat(policy.windowNanos()).isEqualTo(200 * MS);
    assertThat(run(policy, 0)).containsExactly(200L, Decision.IDLE);
  }

  @Test
  void waitsWhileTheAppIsBusyAndInstallsWhenItCalmsDown() {
    InstallPolicy policy = new InstallPolicy(2, CAP);
    long cpu = 0;
    // A start-up burst: 1.4 of 2 processors for 1.5 s.
    for (long t = 0; t < 1_500; t += 50) {
      assertThat(policy.offer(t * MS, cpu * MS)).as("at %d ms", t).isEqualTo(Decision.WAIT);
      cpu += 70;
    }
    // Then the app waits for requests: 5 % of a processor.
    Decision decision = Decision.WAIT;
    long t = 1_500;
    for (; decision == Decision.WAIT; t += 50) {
      decision = policy.offer(t * MS, cpu * MS);
      cpu += 5;
    }

    assertThat(decision).isEqualTo(Decision.IDLE);
    // At 1,600 ms the last 200 ms hold two busy intervals (70 ms each) and two quiet ones (5 ms
    // each): 150 ms of CPU, under the 200 ms that half of 2 processors give in 200 ms.
    assertThat(t - 50).isEqualTo(1_600);
    assertThat(policy.lastWindowNanos()).isEqualTo(200 * MS);
    assertThat(policy.lastWindowCpuNanos()).isEqualTo(150 * MS);
  }

  @Test
  void keepsWaitingAtExactlyHalfTheProcessors() {
    InstallPolicy policy = new InstallPolicy(2, CAP);

    // 50 ms of CPU per 50 ms = one of two processors: not "less than half".
    assertThat(run(policy, 50)).containsExactly(5_000L, Decision.CAP);
  }

  @Test
  void neverWaitsPastTheCap() {
    InstallPolicy policy = new InstallPolicy(2, CAP);

    assertThat(run(policy, 100)).containsExactly(5_000L, Decision.CAP);
  }

  @Test
  void neverWaitsPastTheCapWhenSamplesArriveLate() {
    InstallPolicy policy = new InstallPolicy(4, CAP);

    assertThat(policy.offer(0, 0)).isEqualTo(Decision.WAIT);
    // A starved sampler wakes up long after the cap, the app still fully busy.
    assertThat(policy.offer(7_000 * MS, 28_000 * MS)).isEqualTo(Decision.CAP);
  }

  @Test
  void judgesALateSampleOverTheWholeIntervalItCloses() {
    InstallPolicy policy = new InstallPolicy(2, CAP);

    assertThat(policy.offer(0, 0)).isEqualTo(Decision.WAIT);
    // 600 ms late, 300 ms of CPU in 600 ms on 2 processors: a quarter, idle.
    assertThat(policy.offer(600 * MS, 300 * MS)).isEqualTo(Decision.IDLE);
    assertThat(policy.lastWindowNanos()).isEqualTo(600 * MS);
  }

  @Test
  void looksOnlyAtTheLastWindowNotTheWholeWait() {
    InstallPolicy policy = new InstallPolicy(2, CAP);
    long cpu = 0;
    for (long t = 0; t <= 1_000; t += 50) {
      policy.offer(t * MS, cpu * MS);
      cpu += 100;
    }
    // A long busy history averages above half; the quiet last 200 ms decide alone.
    Decision decision = Decision.WAIT;
    for (long t = 1_050; t <= 1_250 && decision == Decision.WAIT; t += 50) {
      decision = policy.offer(t * MS, cpu * MS);
    }

    assertThat(decision).isEqualTo(Decision.IDLE);
  }

  @Test
  void waitsWhileOtherProcessesLeaveTheMachineNoIdleTimeThoughTheAppIsQuiet() {
    InstallPolicy policy = new InstallPolicy(2, CAP);
    long idle = 0;
    // The app, starved by other processes, uses nothing; the machine's 2 processors are 90 % busy.
    for (long t = 0; t < 1_000; t += 50) {
      assertThat(policy.offer(t * MS, 0, idle * MS)).as("at %d ms", t).isEqualTo(Decision.WAIT);
      idle += 10;
    }
    // The other processes calm down: 80 ms idle per 50 ms on the two processors.
    Decision decision = Decision.WAIT;
    long t = 1_000;
    for (; decision == Decision.WAIT; t += 50) {
      decision = policy.offer(t * MS, 0, idle * MS);
      idle += 80;
    }

    assertThat(decision).isEqualTo(Decision.IDLE);
    // At 1,050 ms the last 200 ms hold three busy intervals (10 ms idle each) and one calm one
    // (80 ms): 110 ms of idle time, over the 100 ms that half a processor gives in 200 ms.
    assertThat(t - 50).isEqualTo(1_050);
    assertThat(policy.lastWindowMachineIdleNanos()).isEqualTo(110 * MS);
  }

  @Test
  void capsTheWaitOnAMachineThatNeverHasHalfAProcessorIdle() {
    InstallPolicy policy = new InstallPolicy(2, CAP);
    Decision decision = Decision.WAIT;
    long t = 0;
    // 20 ms idle per 50 ms: 80 ms per 200 ms window, under half a processor (100 ms).
    for (; decision == Decision.WAIT; t += 50) {
      decision = policy.offer(t * MS, 0, t / 50 * 20 * MS);
    }

    assertThat(decision).isEqualTo(Decision.CAP);
    assertThat(t - 50).isEqualTo(5_000);
    assertThat(policy.lastWindowMachineIdleNanos()).isEqualTo(80 * MS);
  }

  @Test
  void decidesOnTheProcessAloneWhereTheMachinesIdleTimeIsUnknown() {
    InstallPolicy policy = new InstallPolicy(2, CAP);
    Decision decision = Decision.WAIT;
    long t = 0;
    for (; decision == Decision.WAIT; t += 50) {
      decision = policy.offer(t * MS, 0, -1);
    }

    assertThat(decision).isEqualTo(Decision.IDLE);
    assertThat(t - 50).isEqualTo(200);
    assertThat(policy.lastWindowMachineIdleNanos()).isEqualTo(-1);
  }

  @Test
  void scalesTheWindowSoThatHalfTheProcessorsAreTwentyClockTicks() {
    assertThat(new InstallPolicy(1, CAP).windowNanos()).isEqualTo(250 * MS);
    assertThat(new InstallPolicy(2, CAP).windowNanos()).isEqualTo(200 * MS);
    assertThat(new InstallPolicy(4, CAP).windowNanos()).isEqualTo(100 * MS);
    assertThat(new InstallPolicy(8, CAP).windowNanos()).isEqualTo(50 * MS);
    assertThat(new InstallPolicy(64, CAP).windowNanos()).isEqualTo(50 * MS);
  }

  @Test
  void rejectsANonPositiveProcessorCount() {
    assertThatThrownBy(() -> new InstallPolicy(0, CAP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("processors");
  }
}
