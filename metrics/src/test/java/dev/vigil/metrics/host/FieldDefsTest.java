package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FieldDefsTest {

  private final List<String> rejected = new ArrayList<>();
  private final AtomicInteger defined = new AtomicInteger();

  private final FieldDefs defs =
      new FieldDefs(
          field -> {
            defined.incrementAndGet();
            return field.startsWith("pg") ? MetricDef.gauge("node_test_" + field, "help") : null;
          });

  @Test
  void buildsEachFieldsFamilyOnceAcrossRefreshes() {
    SampleSink first = new SampleSink(rejected::add);
    defs.add(first, "pgfault", 1);
    defs.add(first, "nr_free_pages", 2);
    SampleSink second = new SampleSink(rejected::add);
    defs.add(second, "pgfault", 3);
    defs.add(second, "nr_free_pages", 4);

    assertThat(defined).hasValue(2);
    assertThat(second.samples())
        .singleElement()
        .satisfies(
            sample -> {
              assertThat(sample.def().name()).isEqualTo("node_test_pgfault");
              assertThat(sample.value()).isEqualTo(3.0);
            });
  }

  @Test
  void reportsAnUnexposableNameOnEveryRefresh() {
    FieldDefs counters = new FieldDefs(field -> MetricDef.counter("node_" + field, "help"));

    counters.add(new SampleSink(rejected::add), "no_suffix", 1);
    counters.add(new SampleSink(rejected::add), "no_suffix", 1);

    assertThat(rejected).hasSize(2).allSatisfy(r -> assertThat(r).contains("node_no_suffix"));
  }

  @Test
  void stillExposesFieldsPastTheRememberedLimit() {
    SampleSink sink = new SampleSink(rejected::add);
    for (int i = 0; i <= FieldDefs.MAX_FIELDS; i++) {
      defs.add(sink, "pg" + i, i);
    }
    defs.add(sink, "pg" + FieldDefs.MAX_FIELDS, 0);

    assertThat(sink.samples()).hasSize(FieldDefs.MAX_FIELDS + 1);
    assertThat(defined).hasValue(FieldDefs.MAX_FIELDS + 2);
  }
}
