package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;
import static dev.vigil.metrics.host.MetricDef.info;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code node_time_seconds}, {@code node_time_zone_offset_seconds{time_zone}} and, where sysfs has
 * them, the clock sources; portable apart from the clock sources.
 */
final class TimeCollector implements HostCollector {

  private static final MetricDef NOW =
      gauge("node_time_seconds", "System time in seconds since epoch (1970).");
  private static final MetricDef ZONE =
      gauge("node_time_zone_offset_seconds", "System time zone offset in seconds.");
  private static final MetricDef AVAILABLE =
      info(
          "node_time_clocksource_available_info",
          "Available clocksources read from '/sys/devices/system/clocksource'.");
  private static final MetricDef CURRENT =
      info(
          "node_time_clocksource_current_info",
          "Current clocksource read from '/sys/devices/system/clocksource'.");

  /** Go prints the zone abbreviation ("UTC", "CET"); "z" is the same in java.time. */
  private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("z", Locale.ROOT);

  private final Clock clock;

  TimeCollector(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void collect(CollectContext context, SampleSink out) {
    Instant now = clock.instant();
    out.add(NOW, now.getEpochSecond() + now.getNano() / 1e9);
    ZonedDateTime local = now.atZone(clock.getZone());
    out.add(ZONE, local.getOffset().getTotalSeconds(), "time_zone", ZONE_NAME.format(local));

    Path sources = context.paths().sys("devices/system/clocksource");
    for (String dir : context.subdirectories(sources)) {
      if (!dir.matches("clocksource[0-9]+")) {
        continue;
      }
      String device = dir.substring("clocksource".length());
      context
          .readLine(sources.resolve(dir).resolve("available_clocksource"))
          .ifPresent(
              available -> {
                for (String source : Whitespace.split(available)) {
                  if (!source.isEmpty()) {
                    out.add(AVAILABLE, 1, "clocksource", source, "device", device);
                  }
                }
              });
      context
          .readLine(sources.resolve(dir).resolve("current_clocksource"))
          .ifPresent(current -> out.add(CURRENT, 1, "clocksource", current, "device", device));
    }
  }
}
