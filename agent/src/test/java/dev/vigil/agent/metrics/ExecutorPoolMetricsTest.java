package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorPoolMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ExecutorPoolMetrics metrics = new ExecutorPoolMetrics(registry);
  private final List<ThreadPoolExecutor> pools = new ArrayList<>();

  @AfterEach
  void shutDownPools() {
    pools.forEach(ThreadPoolExecutor::shutdownNow);
  }

  private ThreadPoolExecutor pool(int core, int max) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(core, max, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(10));
    pools.add(pool);
    return pool;
  }

  private double gauge(String name, String pool) {
    Gauge gauge = registry.find(name).tag("name", pool).gauge();
    assertThat(gauge).as("gauge %s{name=%s}", name, pool).isNotNull();
    return gauge.value();
  }

  @Test
  void bindsMicrometersExecutorMetricsTaggedWithTheThreadPrefix() throws Exception {
    ThreadPoolExecutor pool = pool(2, 5);
    pool.submit(() -> 1).get();
    // A worker counts its task as completed only after the caller's get() returned.
    pool.shutdown();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

    metrics.workerStarted(pool, "orders-1");

    assertThat(gauge("executor.pool.core", "orders")).isEqualTo(2);
    assertThat(gauge("executor.pool.max", "orders")).isEqualTo(5);
    assertThat(gauge("executor.queue.remaining", "orders")).isEqualTo(10);
    FunctionCounter completed = registry.find("executor.completed").tag("name", "orders").functionCounter();
    assertThat(completed.count()).isEqualTo(1);
  }

  @Test
  void bindsEachPoolOnceWhateverTheNumberOfWorkers() {
    ThreadPoolExecutor pool = pool(2, 2);

    metrics.workerStarted(pool, "orders-1");
    metrics.workerStarted(pool, "orders-2");

    assertThat(metrics.poolCount()).isEqualTo(1);
    assertThat(registry.find("executor.pool.core").gauges()).hasSize(1);
  }

  @Test
  void keepsPoolsWithTheSameThreadPrefixApart() {
    ThreadPoolExecutor first = pool(1, 1);
    ThreadPoolExecutor second = pool(3, 3);

    metrics.workerStarted(first, "worker-1");
    metrics.workerStarted(second, "worker-1");

    assertThat(gauge("executor.pool.core", "worker")).isEqualTo(1);
    assertThat(gauge("executor.pool.core", "worker-2")).isEqualTo(3);
  }

  @Test
  void measuresForkJoinPools() {
    ForkJoinPool pool = new ForkJoinPool(3);
    try {
      metrics.workerStarted(pool, "ForkJoinPool-7-worker-1");

      assertThat(gauge("executor.parallelism", "ForkJoinPool-7-worker")).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ignoresObjectsThatAreNoExecutorService() {
    metrics.workerStarted(new Object(), "odd-1");

    assertThat(metrics.poolCount()).isZero();
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void stopsAddingPoolsAtTheCap() {
    for (int i = 0; i < ExecutorPoolMetrics.MAX_POOLS + 5; i++) {
      metrics.workerStarted(pool(1, 1), "p" + i + "-1");
    }

    assertThat(metrics.poolCount()).isEqualTo(ExecutorPoolMetrics.MAX_POOLS);
    assertThat(registry.find("executor.pool.core").tag("name", "p" + ExecutorPoolMetrics.MAX_POOLS).gauge())
        .isNull();
  }

  @Test
  void removesTheMetersOfACollectedPool() {
    WeakReference<ThreadPoolExecutor> reference = bindUnreferencedPool();
    for (int i = 0; i < 50 && reference.get() != null; i++) {
      System.gc();
    }
    assertThat(reference.get()).as("pool collected").isNull();

    // The next report purges what the collector has cleared.
    metrics.workerStarted(pool(1, 1), "other-1");

    assertThat(registry.find("executor.pool.core").tag("name", "gone").gauge()).isNull();
    assertThat(metrics.poolCount()).isEqualTo(1);
  }

  private WeakReference<ThreadPoolExecutor> bindUnreferencedPool() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    metrics.workerStarted(pool, "gone-1");
    assertThat(gauge("executor.pool.core", "gone")).isEqualTo(1);
    return new WeakReference<>(pool);
  }
}
