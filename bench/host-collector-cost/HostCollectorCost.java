package dev.vigil.metrics.host;

import com.sun.management.ThreadMXBean;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and allocation of each host collector per refresh, on this machine's /proc and /sys,
 * in a tight loop (JIT-warm, so lower than inside a 1 s-apart scrape): which collectors are worth
 * optimizing. Lives in the collectors' package to reach them; builds the same collectors as
 * {@code new HostMetrics()} and keeps one refresh-to-refresh state as the binding does.
 *
 * <p>Usage: java -cp <metrics classes and deps>:<this> dev.vigil.metrics.host.HostCollectorCost
 * [refreshes]
 */
public final class HostCollectorCost {

  public static void main(String[] args) throws Exception {
    int refreshes = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    HostMetrics metrics = new HostMetrics();
    metrics.bindTo(new SimpleMeterRegistry());
    HostMeterBinding binding = (HostMeterBinding) ((List<?>) field(metrics, "bindings")).get(0);
    @SuppressWarnings("unchecked")
    List<HostMeterBinding.Named> collectors =
        (List<HostMeterBinding.Named>) field(binding, "collectors");
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    Map<String, long[]> totals = new LinkedHashMap<>();
    byte[] buffer = new byte[CollectContext.READ_BUFFER];
    Object carried = carriedState();
    int measured = refreshes - refreshes / 2;
    for (int i = 0; i < refreshes; i++) {
      CollectContext context = context(buffer, carried);
      for (HostMeterBinding.Named named : collectors) {
        long cpu = threads.getCurrentThreadCpuTime();
        long alloc = threads.getThreadAllocatedBytes(self);
        named.collector().collect(context, new SampleSink(reason -> {}));
        if (i >= refreshes / 2) { // the first half warms up the JIT
          long[] t = totals.computeIfAbsent(named.name(), k -> new long[2]);
          t[0] += threads.getCurrentThreadCpuTime() - cpu;
          t[1] += threads.getThreadAllocatedBytes(self) - alloc;
        }
      }
    }
    metrics.close();
    long cpu = 0;
    long alloc = 0;
    System.out.println("collector\tCPU ms\talloc KB");
    for (Map.Entry<String, long[]> e : totals.entrySet()) {
      cpu += e.getValue()[0];
      alloc += e.getValue()[1];
      System.out.printf(
          "%s\t%.3f\t%.1f%n",
          e.getKey(), e.getValue()[0] / 1e6 / measured, e.getValue()[1] / 1024.0 / measured);
    }
    System.out.printf("total\t%.3f\t%.1f%n", cpu / 1e6 / measured, alloc / 1024.0 / measured);
  }

  /** The negative cache of failed paths where this build has one (session 7), else null. */
  private static Object carriedState() throws Exception {
    try {
      Class<?> type = Class.forName("dev.vigil.metrics.host.UnreadablePaths");
      Constructor<?> c = type.getDeclaredConstructor(java.util.function.LongSupplier.class);
      java.util.function.LongSupplier clock = System::nanoTime;
      return c.newInstance(clock);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static CollectContext context(byte[] buffer, Object carried) throws Exception {
    if (carried == null) {
      return new CollectContext(HostPaths.defaults(), new OnceLogger(), buffer);
    }
    return (CollectContext)
        CollectContext.class
            .getDeclaredConstructor(
                HostPaths.class, OnceLogger.class, byte[].class, carried.getClass())
            .newInstance(HostPaths.defaults(), new OnceLogger(), buffer, carried);
  }

  private static Object field(Object owner, String name) throws Exception {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }
}
