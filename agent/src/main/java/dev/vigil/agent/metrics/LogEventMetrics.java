package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.LogEventRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;

/**
 * Counts log events as {@code logback.events} ({@code logback_events_total}) with a lower-case
 * {@code level} tag, Micrometer's {@code LogbackMetrics} name and tags.
 *
 * <p>The five levels' counters are registered together on the first event, so a dashboard shows
 * zero errors rather than no data (as with Micrometer, which registers them up front), while an
 * application without Logback gets no {@code logback_events} series at all.
 */
public final class LogEventMetrics implements LogEventRecorder {

  private final MeterRegistry registry;
  private volatile Map<String, Counter> logback;

  /** Registers the counters in {@code registry} once events arrive. */
  public LogEventMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  private Map<String, Counter> logbackCounters() {
    Map<String, Counter> counters = logback;
    if (counters == null) {
      // Racing first events register the same meters; Micrometer returns the existing ones.
      counters =
          Map.of(
              "ERROR", counter(registry, "error"),
              "WARN", counter(registry, "warn"),
              "INFO", counter(registry, "info"),
              "DEBUG", counter(registry, "debug"),
              "TRACE", counter(registry, "trace"));
      logback = counters;
    }
    return counters;
  }

  private static Counter counter(MeterRegistry registry, String level) {
    return Counter.builder("logback.events")
        .description("Number of " + level + " level events that made it to the logs")
        .baseUnit("events")
        .tag("level", level)
        .register(registry);
  }

  @Override
  public void logbackEvent(String level) {
    if (level == null) {
      return;
    }
    Map<String, Counter> counters = logbackCounters();
    Counter counter = counters.get(level);
    if (counter == null) {
      counter = counters.get(level.toUpperCase(Locale.ROOT));
    }
    if (counter != null) {
      counter.increment();
    }
  }
}
