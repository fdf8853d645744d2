package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.AgentClassLoader;
import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.agent.bootstrap.ExecutorRecorder;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Binds Micrometer's {@code ExecutorServiceMetrics} to each pool the executor advice reports, once,
 * tagged {@code name=<thread-name prefix>}; removes the meters again when the pool is collected.
 *
 * <p>Pools are held weakly (Micrometer's gauges are weak too), the number of pools is capped so a
 * pool-per-request application cannot grow the registry without bound, and the agent's own pools
 * are skipped.
 */
public final class ExecutorPoolMetrics implements ExecutorRecorder {

  /** Far above what a service has; beyond it new pools are ignored (and said so once). */
  static final int MAX_POOLS = 200;

  private static final String METER_PREFIX = "executor";

  private final MeterRegistry registry;

  /** Live pools by weak reference; keys compare by identity of the pool. */
  private final Map<PoolReference, String> names = new HashMap<>();

  /** Tag values in use by live pools, to keep the names of same-named pools apart. */
  private final Set<String> usedTags = new HashSet<>();

  private boolean capReported;

  /** Binds into {@code registry}. */
  public ExecutorPoolMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public synchronized void workerStarted(Object pool, String threadName) {
    removeCollectedPools();
    PoolReference key = new PoolReference(pool);
    if (names.containsKey(key) || !(pool instanceof ExecutorService executor) || isAgents(pool)) {
      return;
    }
    if (names.size() >= MAX_POOLS) {
      if (!capReported) {
        capReported = true;
        AgentLog.warn(
            "more than " + MAX_POOLS + " live thread pools; further pools get no executor metrics");
      }
      return;
    }
    String base = PoolNames.fromThreadName(threadName, fallbackName(pool));
    String tag = uniqueName(base);
    usedTags.add(tag);
    names.put(new PoolReference(pool), tag);
    new ExecutorServiceMetrics(executor, tag, Tags.empty()).bindTo(registry);
  }

  /** The number of pools currently measured. */
  synchronized int poolCount() {
    removeCollectedPools();
    return names.size();
  }

  private String uniqueName(String base) {
    String tag = base;
    for (int n = 2; usedTags.contains(tag); n++) {
      tag = base + "-" + n;
    }
    return tag;
  }

  private static String fallbackName(Object pool) {
    return pool.getClass().getSimpleName() + "-" + Integer.toHexString(System.identityHashCode(pool));
  }

  /** Our endpoint's pool is built with a thread factory from the agent's class loader. */
  private static boolean isAgents(Object pool) {
    Object factory = null;
    if (pool instanceof ThreadPoolExecutor tpe) {
      factory = tpe.getThreadFactory();
    } else if (pool instanceof ForkJoinPool fjp) {
      factory = fjp.getFactory();
    }
    return pool.getClass().getClassLoader() instanceof AgentClassLoader
        || (factory != null && factory.getClass().getClassLoader() instanceof AgentClassLoader);
  }

  /**
   * Scans for cleared references rather than polling a ReferenceQueue: the queue is filled later
   * by the JVM's reference handler thread, and the map holds at most {@link #MAX_POOLS} entries.
   */
  private void removeCollectedPools() {
    for (Iterator<Map.Entry<PoolReference, String>> it = names.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<PoolReference, String> entry = it.next();
      if (entry.getKey().get() != null) {
        continue;
      }
      String tag = entry.getValue();
      it.remove();
      usedTags.remove(tag);
      List<Meter> meters = new ArrayList<>();
      for (Meter meter : registry.getMeters()) {
        Meter.Id id = meter.getId();
        if (id.getName().startsWith(METER_PREFIX) && tag.equals(id.getTag("name"))) {
          meters.add(meter);
        }
      }
      meters.forEach(registry::remove);
    }
  }

  /** A weak reference that is equal to another one for the same (live) pool. */
  private static final class PoolReference extends WeakReference<Object> {
    private final int hash;

    PoolReference(Object pool) {
      super(pool);
      this.hash = System.identityHashCode(pool);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof PoolReference reference)) {
        return false;
      }
      Object pool = get();
      return pool != null && pool == reference.get();
    }
  }
}
