package dev.vigil.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  private static long ticks(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
    return ProcessCpu.statTicks(bytes, bytes.length);
  }

  @Test
  void sumsUserAndSystemTicksOfAStatLine() {
    assertThat(ticks("4242 (java) S 1 4242 4242 0 -1 4194560 5000 0 12 0 731 112 0 0 20 0 31 0\n"))
        .isEqualTo(731 + 112);
  }

  @Test
  void countsFieldsFromTheLastParenthesisOfTheCommandName() {
    // A thread may name itself anything, spaces and parentheses included.
    assertThat(ticks("77 (a) b (c) d) R 1 2 3 4 5 6 7 8 9 10 40 2 0 0 20\n")).isEqualTo(42);
  }

  @Test
  void sumsIdleAndIowaitOfTheCpuLineOfProcStat() {
    byte[] text =
        "cpu  4705 150 1120 16250 520 0 13 0 0 0\ncpu0 2300 75 560 8125 260 0 6 0 0 0\n"
            .getBytes(StandardCharsets.US_ASCII);

    assertThat(ProcessCpu.cpuLineIdleTicks(text, text.length)).isEqualTo(16250 + 520);
  }

  @Test
  void rejectsAProcStatWithoutItsCpuLine() {
    byte[] intr = "intr 1 2 3\n".getBytes(StandardCharsets.US_ASCII);
    byte[] shortLine = "cpu  1 2 3\n".getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> ProcessCpu.cpuLineIdleTicks(intr, intr.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'cpu '");
    assertThatThrownBy(() -> ProcessCpu.cpuLineIdleTicks(shortLine, shortLine.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only 3 fields");
  }

  @Test
  void rejectsATruncatedStatLine() {
    assertThatThrownBy(() -> ticks("77 (java) S 1 2 3 4 5 6 7 8 9 10 40\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fields");
    assertThatThrownBy(() -> ticks("no command name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("')'");
  }

  @Test
  void rejectsANonNumericTimeField() {
    assertThatThrownBy(() -> ticks("77 (java) S 1 2 3 4 5 6 7 8 9 10 4x 2 0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 14");
  }

  @Test
  void countsTheCpuOfOtherThreadsButNotTheCallersOwn() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/thread-self/stat")), "needs Linux's /proc");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (ProcessCpu cpu = ProcessCpu.open()) {
      assertThat(cpu).isNotNull();
      long before = cpu.otherCpuNanos();
      // Another thread burns 300 ms of its own CPU time...
      long[] burned = new long[1];
      Thread burner =
          new Thread(
              () -> {
                long start = threads.getCurrentThreadCpuTime();
                long x = 0;
                while (threads.getCurrentThreadCpuTime() - start < 300_000_000L) {
                  x += Long.numberOfTrailingZeros(x + 1);
                }
                burned[0] = threads.getCurrentThreadCpuTime() - start + (x & 0);
              });
      burner.start();
      burner.join();
      long afterOther = cpu.otherCpuNanos();
      // ...then this thread burns 300 ms, which must not show.
      long start = threads.getCurrentThreadCpuTime();
      long x = 0;
      while (threads.getCurrentThreadCpuTime() - start < 300_000_000L) {
        x += Long.numberOfTrailingZeros(x + 1);
      }
      long afterOwn = cpu.otherCpuNanos();

      // Clock ticks are 10 ms; the JIT and GC threads may add to "other" meanwhile.
      assertThat(afterOther - before).isGreaterThanOrEqualTo(burned[0] - 20_000_000L);
      assertThat(afterOwn - afterOther).isLessThan(150_000_000L + (x & 0));
    }
  }

  @Test
  void readsTheMachinesIdleTimeAgainAtEachCall() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux's /proc/stat");
    try (ProcessCpu cpu = ProcessCpu.open()) {
      assertThat(cpu).isNotNull();
      long first = cpu.machineIdleNanos();
      Thread.sleep(100);
      long second = cpu.machineIdleNanos();

      // Cumulative since boot, in whole 10 ms ticks: never negative, never going back.
      assertThat(first).isPositive();
      assertThat(first % 10_000_000L).isZero();
      assertThat(second).isGreaterThanOrEqualTo(first);
    }
  }
}
