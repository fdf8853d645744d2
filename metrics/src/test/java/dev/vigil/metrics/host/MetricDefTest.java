package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricDefTest {

  @Test
  void registersCountersWithoutTheTotalMicrometerAppends() {
    assertThat(MetricDef.counter("node_cpu_seconds_total", "h").micrometerName())
        .isEqualTo("node_cpu_seconds");
  }

  @Test
  void registersInfoMetricsUnderADottedInfoSuffix() {
    assertThat(MetricDef.info("node_uname_info", "h").micrometerName())
        .isEqualTo("node_uname.info");
  }

  @Test
  void rejectsAGaugeNameThatMicrometerWouldTruncate() {
    assertThatThrownBy(() -> MetricDef.gauge("node_vmstat_foo_total", "h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node_vmstat_foo_total");
    assertThatThrownBy(() -> MetricDef.gauge("node_uname_info", "h"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsCapitalisedTotalInGaugeNames() {
    assertThat(MetricDef.gauge("node_memory_HugePages_Total", "h").micrometerName())
        .isEqualTo("node_memory_HugePages_Total");
  }

  @Test
  void rejectsCharactersPrometheusNamesCannotHold() {
    assertThatThrownBy(() -> MetricDef.gauge("node_memory_Active(anon)_bytes", "h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Active(anon)");
  }

  @Test
  void rejectsACounterWithoutTotal() {
    assertThatThrownBy(() -> MetricDef.counter("node_forks", "h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("_total");
  }
}
