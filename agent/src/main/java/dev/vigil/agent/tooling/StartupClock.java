package dev.vigil.agent.tooling;

import dev.vigil.agent.bootstrap.AgentLog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * With {@code vigil.agent.debug=true}, prints the CPU time the startup thread spent in each phase,
 * the measure that matters when the agent's start competes with the application's for cores.
 */
final class StartupClock {

  private final ThreadMXBean threads;
  private long last;

  private StartupClock(ThreadMXBean threads) {
    this.threads = threads;
    this.last = threads == null ? 0 : threads.getCurrentThreadCpuTime();
  }

  /** A clock that reads the thread's CPU time only in debug mode. */
  static StartupClock start() {
    return new StartupClock(AgentLog.isDebug() ? ManagementFactory.getThreadMXBean() : null);
  }

  /** Prints the CPU time since the previous lap under {@code phase}. */
  void lap(String phase) {
    if (threads == null) {
      return;
    }
    long now = threads.getCurrentThreadCpuTime();
    AgentLog.debug(phase + ": " + (now - last) / 1_000_000 + " ms CPU");
    last = now;
  }
}
