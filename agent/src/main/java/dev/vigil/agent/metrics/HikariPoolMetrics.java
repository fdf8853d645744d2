package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.AgentLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.ToDoubleFunction;

/**
 * Gauges for one HikariCP pool under the names HikariCP's own Micrometer tracker uses ({@code
 * hikaricp.connections}, {@code .active}, {@code .idle}, {@code .pending}, {@code .max}, {@code
 * .min}, tag {@code pool}), read by reflection: the agent is compiled without HikariCP, and the
 * application's HikariCP classes live in its own class loader.
 *
 * <p>The tracker's timers (acquire, usage, creation) are not offered: they would need hooks in
 * the pool's hot path. Gauges hold the pool weakly.
 */
final class HikariPoolMetrics {

  private HikariPoolMetrics() {}

  /** Binds the gauges of {@code pool} (a {@code com.zaxxer.hikari.pool.HikariPool}). */
  static void bind(MeterRegistry registry, Object pool) {
    try {
      Object config = configOf(pool);
      String name = String.valueOf(call(config, "getPoolName"));
      gauge(registry, "hikaricp.connections", "Total connections", name, pool, "getTotalConnections");
      gauge(registry, "hikaricp.connections.active", "Active connections", name, pool,
          "getActiveConnections");
      gauge(registry, "hikaricp.connections.idle", "Idle connections", name, pool,
          "getIdleConnections");
      gauge(registry, "hikaricp.connections.pending", "Pending threads", name, pool,
          "getThreadsAwaitingConnection");
      gauge(registry, "hikaricp.connections.max", "Max connections", name, config,
          "getMaximumPoolSize");
      gauge(registry, "hikaricp.connections.min", "Min connections", name, config,
          "getMinimumIdle");
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.warn("cannot read HikariCP pool " + pool.getClass().getName(), e);
    }
  }

  /** {@code PoolBase.config}: public, but declared by a package-private class. */
  private static Object configOf(Object pool) throws ReflectiveOperationException {
    for (Class<?> type = pool.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField("config");
        field.setAccessible(true);
        return field.get(pool);
      } catch (NoSuchFieldException notHere) {
        // keep climbing
      }
    }
    throw new NoSuchFieldException("config in " + pool.getClass().getName());
  }

  private static Object call(Object target, String method) throws ReflectiveOperationException {
    return target.getClass().getMethod(method).invoke(target);
  }

  private static void gauge(
      MeterRegistry registry,
      String metric,
      String description,
      String poolName,
      Object target,
      String getter)
      throws ReflectiveOperationException {
    Method method = target.getClass().getMethod(getter);
    method.setAccessible(true);
    ToDoubleFunction<Object> read =
        object -> {
          try {
            return ((Number) method.invoke(object)).doubleValue();
          } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
          }
        };
    Gauge.builder(metric, target, read)
        .description(description)
        .tag("pool", poolName)
        .register(registry);
  }
}
