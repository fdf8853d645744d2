package dev.vigil.metrics.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JvmThreadGaugesTest {

  private final AtomicInteger snapshots = new AtomicInteger();
  private final AtomicLong clock = new AtomicLong();
  private final MeterRegistry registry = new SimpleMeterRegistry();

  /** The real thread bean, counting the snapshots taken through it. */
  private ThreadMXBean countingThreadBean() {
    ThreadMXBean real = ManagementFactory.getThreadMXBean();
    return (ThreadMXBean)
        Proxy.newProxyInstance(
            ThreadMXBean.class.getClassLoader(),
            new Class<?>[] {ThreadMXBean.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getThreadInfo")) {
                snapshots.incrementAndGet();
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private double state(String state) {
    return registry.get("jvm.threads.states").tag("state", state).gauge().value();
  }

  @Test
  void bindsTheSameMetersAsMicrometersJvmThreadMetrics() {
    MeterRegistry micrometers = new SimpleMeterRegistry();
    new JvmThreadMetrics().bindTo(micrometers);
    new JvmThreadGauges().bindTo(registry);

    assertThat(describe(registry)).isNotEmpty().isEqualTo(describe(micrometers));
  }

  @Test
  void readsTheSameThreadCountsAsMicrometer() {
    MeterRegistry micrometers = new SimpleMeterRegistry();
    new JvmThreadMetrics().bindTo(micrometers);
    new JvmThreadGauges().bindTo(registry);

    for (String name : List.of("jvm.threads.peak", "jvm.threads.live", "jvm.threads.daemon")) {
      assertThat(registry.get(name).gauge().value())
          .as(name)
          .isPositive()
          .isCloseTo(micrometers.get(name).gauge().value(), within(2.0));
    }
    assertThat(registry.get("jvm.threads.started").functionCounter().count())
        .isCloseTo(micrometers.get("jvm.threads.started").functionCounter().count(), within(2.0));
  }

  /** Id, type, description and unit of every meter, comparable across registries. */
  private static Set<String> describe(MeterRegistry registry) {
    Set<String> meters = new TreeSet<>();
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      meters.add(
          id.getName() + id.getTags() + " " + id.getType() + " " + id.getDescription() + " "
              + id.getBaseUnit());
    }
    return meters;
  }

  @Test
  void readsAllStatesOfAScrapeFromOneSnapshot() throws Exception {
    new JvmThreadGauges(countingThreadBean(), clock::get).bindTo(registry);
    CountDownLatch release = new CountDownLatch(1);
    Thread waiting = new Thread(() -> awaitQuietly(release), "thread-state-gauges-test");
    waiting.start();
    try {
      while (waiting.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }

      double live = 0;
      for (Thread.State state : Thread.State.values()) {
        live += state(state.name().toLowerCase().replace('_', '-'));
      }

      assertThat(snapshots).hasValue(1);
      assertThat(state("waiting")).isGreaterThanOrEqualTo(1);
      assertThat(state("runnable")).isGreaterThanOrEqualTo(1);
      assertThat(live).isGreaterThanOrEqualTo(2);
    } finally {
      release.countDown();
      waiting.join();
    }
  }

  @Test
  void takesANewSnapshotOnceTheLastIsTooOld() {
    new JvmThreadGauges(countingThreadBean(), clock::get).bindTo(registry);

    state("runnable");
    clock.addAndGet(JvmThreadGauges.MAX_AGE.toNanos() - 1);
    state("waiting");
    clock.addAndGet(1);
    state("blocked");

    assertThat(snapshots).hasValue(2);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
