package dev.vigil.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With {@code -Dvigil.startup.trace=true}, prints to stderr the process's and the main thread's
 * CPU time (from {@code /proc}) at each start-up phase, so start-up cost can be split by phase.
 *
 * <p>Why CPU from {@code /proc} and not wall time or a profiler: the machines we measure on are
 * shared, so wall time is noise, and a profiler's agent loads more classes than the phases it
 * measures; the process figure includes the JIT compiler threads, the thread figure does not.
 */
final class StartupTrace {

  private static final boolean ON = Boolean.getBoolean("vigil.startup.trace");
  private static long lastProcess;
  private static long lastThread;

  private StartupTrace() {}

  /** Prints the CPU milliseconds spent since the previous mark, ending phase {@code phase}. */
  static synchronized void mark(String phase) {
    if (!ON) {
      return;
    }
    try {
      long p = ticks(Path.of("/proc/self/stat"));
      long t = ticks(Path.of("/proc/thread-self/stat"));
      System.err.printf(
          "startup-trace %-26s process %5d ms (+%4d)  main thread %5d ms (+%4d)%n",
          phase, p * 10, (p - lastProcess) * 10, t * 10, (t - lastThread) * 10);
      lastProcess = p;
      lastThread = t;
    } catch (IOException | RuntimeException e) {
      System.err.println("startup-trace " + phase + ": no /proc (" + e + ")");
    }
  }

  /** utime + stime in clock ticks (assumed 100 per second, Linux's USER_HZ). */
  private static long ticks(Path stat) throws IOException {
    String s = Files.readString(stat);
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
