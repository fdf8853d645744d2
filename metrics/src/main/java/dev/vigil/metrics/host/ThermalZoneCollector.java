package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code node_thermal_zone_temp{zone,type}} (sysfs gives millidegrees Celsius) and {@code
 * node_cooling_device_{cur,max}_state{name,type}} from {@code /sys/class/thermal}.
 */
final class ThermalZoneCollector implements HostCollector {

  private static final MetricDef TEMP =
      gauge("node_thermal_zone_temp", "Zone temperature in Celsius");
  private static final MetricDef CUR_STATE =
      gauge("node_cooling_device_cur_state", "Current throttle state of the cooling device");
  private static final MetricDef MAX_STATE =
      gauge("node_cooling_device_max_state", "Maximum throttle state of the cooling device");

  @Override
  public void collect(CollectContext context, SampleSink out) {
    Path thermal = context.paths().sys("class/thermal");
    for (String dir : context.subdirectories(thermal)) {
      Path path = thermal.resolve(dir);
      String type = context.readLine(path.resolve("type")).orElse("");
      if (dir.matches("thermal_zone[0-9]+")) {
        String zone = dir.substring("thermal_zone".length());
        number(context, path.resolve("temp"))
            .ifPresent(milli -> out.add(TEMP, milli / 1000.0, "type", type, "zone", zone));
      } else if (dir.matches("cooling_device[0-9]+")) {
        String name = dir.substring("cooling_device".length());
        number(context, path.resolve("cur_state"))
            .ifPresent(v -> out.add(CUR_STATE, v, "name", name, "type", type));
        number(context, path.resolve("max_state"))
            .ifPresent(v -> out.add(MAX_STATE, v, "name", name, "type", type));
      }
    }
  }

  private static Optional<Double> number(CollectContext context, Path file) {
    Optional<String> text = context.readLine(file);
    try {
      return text.map(ProcNumbers::integer);
    } catch (NumberFormatException e) {
      context.skip("thermal:" + file, file + ": \"" + text.orElse("") + "\" is not an integer");
      return Optional.empty();
    }
  }
}
