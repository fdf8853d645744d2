package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LogEventMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LogEventMetrics metrics = new LogEventMetrics(registry);

  private double count(String level) {
    return registry.get("logback.events").tag("level", level).counter().count();
  }

  @Test
  void countsEventsUnderTheLowerCaseLevel() {
    metrics.logbackEvent("ERROR");
    metrics.logbackEvent("ERROR");
    metrics.logbackEvent("info");

    assertThat(count("error")).isEqualTo(2);
    assertThat(count("info")).isEqualTo(1);
    assertThat(count("warn")).isZero();
  }

  @Test
  void registersNothingBeforeTheFirstEvent() {
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void ignoresLevelsOutsideTheFiveStandardOnes() {
    metrics.logbackEvent("ALL");
    metrics.logbackEvent(null);

    assertThat(registry.get("logback.events").counters()).hasSize(5);
    assertThat(registry.get("logback.events").counters())
        .allSatisfy(counter -> assertThat(counter.count()).isZero());
  }

  @Test
  void countsLog4j2EventsUnderItsOwnNameWithSixLevels() {
    metrics.log4j2Event("FATAL");
    metrics.log4j2Event("WARN");
    metrics.log4j2Event("WARN");

    assertThat(registry.get("log4j2.events").counters()).hasSize(6);
    assertThat(registry.get("log4j2.events").tag("level", "fatal").counter().count()).isEqualTo(1);
    assertThat(registry.get("log4j2.events").tag("level", "warn").counter().count()).isEqualTo(2);
    assertThat(registry.find("logback.events").counters()).isEmpty();
  }
}
