package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScrapeTimeBindersTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void closeRegistry() {
    registry.close();
  }

  @Test
  void bindsNothingBeforeTheFirstScrape() {
    AtomicInteger calls = new AtomicInteger();
    new ScrapeTimeBinders(registry, List.of(r -> calls.incrementAndGet()));

    assertThat(calls).hasValue(0);
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void theFirstScrapeAlreadyHoldsTheDeferredSeries() {
    ScrapeTimeBinders scrape = new ScrapeTimeBinders(registry, List.of(gauge("late_value", 7)));

    assertThat(names(scrape.get())).containsExactly("late_value");
  }

  @Test
  void bindsEachBinderOnceOverManyScrapes() {
    AtomicInteger calls = new AtomicInteger();
    ScrapeTimeBinders scrape =
        new ScrapeTimeBinders(
            registry,
            List.of(
                r -> {
                  calls.incrementAndGet();
                  gauge("late_value", 1).accept(r);
                }));

    scrape.get();
    scrape.get();
    scrape.get();

    assertThat(calls).hasValue(1);
  }

  @Test
  void aFailingBinderCostsOnlyItsOwnSeries() {
    ScrapeTimeBinders scrape =
        new ScrapeTimeBinders(
            registry,
            List.of(
                r -> {
                  throw new IllegalStateException("no /proc here");
                },
                gauge("still_there", 1)));

    assertThat(names(scrape.get())).containsExactly("still_there");
    assertThat(names(scrape.get())).containsExactly("still_there");
  }

  private static Consumer<PrometheusMeterRegistry> gauge(String name, double value) {
    return r -> Gauge.builder(name, () -> value).register(r);
  }

  private static List<String> names(MetricSnapshots snapshots) {
    List<String> names = new ArrayList<>();
    for (MetricSnapshot snapshot : snapshots) {
      names.add(snapshot.getMetadata().getPrometheusName());
    }
    return names;
  }
}
