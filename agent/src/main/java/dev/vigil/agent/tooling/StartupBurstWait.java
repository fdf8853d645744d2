package dev.vigil.agent.tooling;

import java.io.IOException;

/**
 * Holds the agent's startup thread back, before it builds the meter registry, starts the endpoint
 * and installs the instrumentation, until the application's start-up burst has passed and the
 * machine has half a processor to spare ({@link InstallPolicy} over {@link ProcessCpu} samples every 50
 * ms), at most {@link #CAP_MILLIS}; where
 * the process's CPU time cannot be read, for a fixed {@link #FIXED_DELAY_MILLIS}.
 *
 * <p>Why wait at all: on a machine with as many busy threads as cores, the agent's start (loading
 * Micrometer and client_java, spinning their lambdas, then Byte Buddy's first transformations and
 * the JIT work for all of it) takes CPU from the application's own start and delays its first
 * answer; after the burst the same work lands on an idle core. Requests served before the install
 * are not counted and the endpoint answers only after the wait, which {@code
 * vigil.instrumentation.install=immediate} avoids. It runs while the application starts, so, like
 * premain, it avoids lambdas and {@code String.format}.
 */
final class StartupBurstWait {

  static final long SAMPLE_MILLIS = 50;
  static final long CAP_MILLIS = 5_000;
  static final long FIXED_DELAY_MILLIS = 1_000;

  private StartupBurstWait() {}

  /** Waits as described above; answers why it stopped, for the debug line. */
  static String await() {
    long start = System.nanoTime();
    int processors = Runtime.getRuntime().availableProcessors();
    ProcessCpu cpu = ProcessCpu.open();
    if (cpu == null) {
      sleep(FIXED_DELAY_MILLIS);
      return "no /proc/self/stat to sample: waited a fixed " + FIXED_DELAY_MILLIS + " ms";
    }
    InstallPolicy policy = new InstallPolicy(processors, CAP_MILLIS * 1_000_000L);
    try {
      InstallPolicy.Decision decision =
          policy.offer(0, cpu.otherCpuNanos(), cpu.machineIdleNanos());
      while (decision == InstallPolicy.Decision.WAIT) {
        if (!sleep(SAMPLE_MILLIS)) {
          return "wait interrupted after " + millisSince(start) + " ms";
        }
        decision =
            policy.offer(
                System.nanoTime() - start, cpu.otherCpuNanos(), cpu.machineIdleNanos());
      }
      String usage =
          "the rest of the process used "
              + policy.lastWindowCpuNanos() / 1_000_000
              + " ms of CPU in the last "
              + policy.lastWindowNanos() / 1_000_000
              + " ms on "
              + processors
              + " processors"
              + (policy.lastWindowMachineIdleNanos() < 0
                  ? ""
                  : ", the machine's processors were idle for "
                      + policy.lastWindowMachineIdleNanos() / 1_000_000
                      + " ms");
      return decision == InstallPolicy.Decision.IDLE
          ? "waited " + millisSince(start) + " ms for the start-up burst to pass: " + usage
          : "stopped waiting at the " + CAP_MILLIS + " ms cap, still busy: " + usage;
    } catch (IOException | RuntimeException unreadable) {
      return "stopped waiting after "
          + millisSince(start)
          + " ms: could not read the process's CPU time ("
          + unreadable
          + ")";
    } finally {
      cpu.close();
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Sleeps; false when interrupted (then the install goes ahead at once). */
  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      // The agent's own thread: nothing interrupts it but a JVM shutting down, and installing
      // at once is then harmless. The flag is not restored so the install itself is unaffected.
      return false;
    }
  }
}
