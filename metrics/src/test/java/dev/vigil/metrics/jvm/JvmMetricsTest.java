package dev.vigil.metrics.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {

  @Test
  void bindingTheTwoHalvesSeparatelyGivesTheSameMetersAsBindTo() {
    MeterRegistry whole = new SimpleMeterRegistry();
    MeterRegistry split = new SimpleMeterRegistry();
    try (JvmMetrics all = new JvmMetrics();
        JvmMetrics halves = new JvmMetrics()) {
      all.bindTo(whole);
      halves.bindEventListeners(split);
      halves.bindReadOnScrape(split);

      assertThat(ids(split)).isNotEmpty().isEqualTo(ids(whole));
    }
  }

  @Test
  void eventListenersHoldTheGcMetersAndNothingReadOnScrape() {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (JvmMetrics jvm = new JvmMetrics()) {
      jvm.bindEventListeners(registry);

      assertThat(names(registry)).contains("jvm.gc.max.data.size", "jvm.gc.overhead");
      assertThat(names(registry)).doesNotContain("jvm.memory.used", "jvm.threads.live");
    }
  }

  @Test
  void readOnScrapeHoldsTheStateGaugesAndNoGcMeters() {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (JvmMetrics jvm = new JvmMetrics()) {
      jvm.bindReadOnScrape(registry);

      assertThat(names(registry))
          .contains("jvm.memory.used", "jvm.threads.live", "jvm.classes.loaded", "process.uptime");
      assertThat(names(registry)).noneMatch(name -> name.startsWith("jvm.gc."));
    }
  }

  private static Set<String> ids(MeterRegistry registry) {
    Set<String> ids = new TreeSet<>();
    for (Meter meter : registry.getMeters()) {
      ids.add(meter.getId().getName() + meter.getId().getTags());
    }
    return ids;
  }

  private static Set<String> names(MeterRegistry registry) {
    Set<String> names = new TreeSet<>();
    for (Meter meter : registry.getMeters()) {
      names.add(meter.getId().getName());
    }
    return names;
  }
}
