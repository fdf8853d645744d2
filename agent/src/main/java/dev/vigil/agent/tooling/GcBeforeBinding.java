package dev.vigil.agent.tooling;

import dev.vigil.agent.bootstrap.AgentLog;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The collections each collector reports before the agent binds its GC listeners, described for
 * the debug log because {@code jvm_gc_pause_seconds} cannot hold them.
 *
 * <p>Why only a debug line: Micrometer's pause timer is tagged by {@code action} and {@code cause},
 * which only the JVM's per-collection notification carries; a collector's MXBean reports a count and
 * a total time, so adding those to the timer would invent labels (and a max). Micrometer's other
 * {@code jvm_gc_*} meters do not fit either (allocation and promotion are measured from
 * notifications, too). Left out of the series, as in any Micrometer app whose registry starts
 * after its first collections; the debug line says how many that was.
 */
final class GcBeforeBinding {

  private final List<String> names;
  private final long[] counts;
  private final long[] millis;

  private GcBeforeBinding(List<String> names, long[] counts, long[] millis) {
    this.names = names;
    this.counts = counts;
    this.millis = millis;
  }

  /** The collectors' figures now, in debug mode only (else null: nothing to read). */
  static GcBeforeBinding readIfDebug() {
    return AgentLog.isDebug() ? read(ManagementFactory.getGarbageCollectorMXBeans()) : null;
  }

  /** The figures {@code collectors} report now. */
  static GcBeforeBinding read(List<GarbageCollectorMXBean> collectors) {
    String[] names = new String[collectors.size()];
    long[] counts = new long[collectors.size()];
    long[] millis = new long[collectors.size()];
    for (int i = 0; i < names.length; i++) {
      GarbageCollectorMXBean collector = collectors.get(i);
      names[i] = collector.getName();
      // -1 means the collector does not report it: counted as none rather than as minus one.
      counts[i] = Math.max(0, collector.getCollectionCount());
      millis[i] = Math.max(0, collector.getCollectionTime());
    }
    return new GcBeforeBinding(List.of(names), counts, millis);
  }

  /** Total collections of every collector. */
  long collections() {
    long sum = 0;
    for (long count : counts) {
      sum += count;
    }
    return sum;
  }

  /** The debug line: totals, then each collector. */
  String describe() {
    long totalMillis = 0;
    StringBuilder perCollector = new StringBuilder();
    for (int i = 0; i < counts.length; i++) {
      totalMillis += millis[i];
      perCollector.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ');
      perCollector.append(counts[i]).append(" (").append(millis[i]).append(" ms)");
    }
    return collections()
        + " collections ("
        + totalMillis
        + " ms) before the GC listeners were bound, not in jvm_gc_pause_seconds: "
        + (counts.length == 0 ? "no collector reported" : perCollector);
  }
}
