package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.LogEventRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Counts log events per level under the names and tags of Micrometer's binders: {@code
 * logback.events} ({@code LogbackMetrics}, five levels) and {@code log4j2.events} ({@code
 * Log4j2Metrics}, six levels with {@code fatal}), each with a lower-case {@code level} tag.
 *
 * <p>A framework's counters for all its levels are registered together on its first event, so a
 * dashboard shows zero errors rather than no data (as with Micrometer, which registers them up
 * front), while an application without that framework gets no series for it at all.
 */
public final class LogEventMetrics implements LogEventRecorder {

  private final LevelCounters logback;
  private final LevelCounters log4j2;

  /** Registers the counters in {@code registry} once events arrive. */
  public LogEventMetrics(MeterRegistry registry) {
    logback =
        new LevelCounters(
            registry,
            "logback.events",
            "Number of %s level events that made it to the logs",
            List.of("error", "warn", "info", "debug", "trace"));
    log4j2 =
        new LevelCounters(
            registry,
            "log4j2.events",
            "Number of %s level log events",
            List.of("fatal", "error", "warn", "info", "debug", "trace"));
  }

  @Override
  public void logbackEvent(String level) {
    logback.increment(level);
  }

  @Override
  public void log4j2Event(String level) {
    log4j2.increment(level);
  }

  /** One framework's counters, one per level, registered on the first event. */
  private static final class LevelCounters {
    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final List<String> levels;
    private volatile Map<String, Counter> counters;

    LevelCounters(MeterRegistry registry, String name, String description, List<String> levels) {
      this.registry = registry;
      this.name = name;
      this.description = description;
      this.levels = levels;
    }

    void increment(String level) {
      if (level == null) {
        return;
      }
      Counter counter = counters().get(level.toLowerCase(Locale.ROOT));
      if (counter != null) {
        counter.increment();
      }
    }

    private Map<String, Counter> counters() {
      Map<String, Counter> registered = counters;
      if (registered == null) {
        // Racing first events register the same meters; Micrometer returns the existing ones.
        registered = levels.stream().collect(Collectors.toUnmodifiableMap(l -> l, this::register));
        counters = registered;
      }
      return registered;
    }

    private Counter register(String level) {
      return Counter.builder(name)
          .description(String.format(description, level))
          .baseUnit("events")
          .tag("level", level)
          .register(registry);
    }
  }
}
