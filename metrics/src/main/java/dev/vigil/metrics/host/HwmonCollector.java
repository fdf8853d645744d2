package dev.vigil.metrics.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code node_hwmon_*{chip,sensor}} and {@code node_hwmon_chip_names{chip,chip_name}} from {@code
 * /sys/class/hwmon}, named as node_exporter names them so that Node Exporter Full's join {@code
 * node_hwmon_temp_celsius * on(chip) group_left(chip_name) node_hwmon_chip_names} works.
 *
 * <p>Sensor files are {@code <type><n>_<property>} (hwmon sysfs ABI). The chip label comes from the
 * device the hwmon belongs to ({@code platform_coretemp_0}), falling back to the driver name.
 */
final class HwmonCollector implements HostCollector {

  private static final MetricDef CHIP_NAMES =
      MetricDef.gauge("node_hwmon_chip_names", "Annotation metric for human-readable chip names");
  private static final MetricDef SENSOR_LABEL =
      MetricDef.gauge("node_hwmon_sensor_label", "Label for given chip and sensor");

  private static final Pattern SENSOR_FILE = Pattern.compile("^([^0-9]+)([0-9]*)?(_(.+))?$");
  private static final List<String> SENSOR_TYPES =
      List.of(
          "vrm",
          "beep_enable",
          "update_interval",
          "in",
          "cpu",
          "fan",
          "pwm",
          "temp",
          "curr",
          "power",
          "energy",
          "humidity",
          "intrusion",
          "freq");
  private static final Pattern INVALID_NAME_CHARS = Pattern.compile("[^a-z0-9:_]");

  /**
   * How a sensor type's values are named and scaled: sysfs uses milli-units (mV, m°C, mA) and
   * micro-units (µW, µJ); node_exporter exposes base units with these suffixes.
   */
  private record Unit(String suffix, double scale, MetricDef.Type type) {}

  private static final Map<String, Unit> UNITS =
      Map.of(
          "in", new Unit("_volts", 0.001, MetricDef.Type.GAUGE),
          "cpu", new Unit("_volts", 0.001, MetricDef.Type.GAUGE),
          "temp", new Unit("_celsius", 0.001, MetricDef.Type.GAUGE),
          "curr", new Unit("_amps", 0.001, MetricDef.Type.GAUGE),
          "energy", new Unit("_joule_total", 1e-6, MetricDef.Type.COUNTER),
          "power", new Unit("_watt", 1e-6, MetricDef.Type.GAUGE),
          "humidity", new Unit("", 1e-6, MetricDef.Type.GAUGE));

  @Override
  public void collect(CollectContext context, SampleSink out) {
    Path hwmon = context.paths().sys("class/hwmon");
    for (String dir : context.subdirectories(hwmon)) {
      Path path = hwmon.resolve(dir);
      Optional<String> chip = chipLabel(context, path);
      if (chip.isEmpty()) {
        context.skip("hwmon:" + path, "cannot derive a chip name for " + path);
        continue;
      }
      context
          .readLine(path.resolve("name"))
          .ifPresent(name -> out.add(CHIP_NAMES, 1, "chip", chip.get(), "chip_name", name));
      Map<String, Map<String, String>> sensors = new TreeMap<>();
      readSensors(context, path, sensors);
      readSensors(context, path.resolve("device"), sensors);
      sensors.forEach((sensor, values) -> emit(chip.get(), sensor, values, out));
    }
  }

  private static void emit(String chip, String sensor, Map<String, String> values, SampleSink out) {
    Matcher m = SENSOR_FILE.matcher(sensor);
    m.matches();
    String type = m.group(1);
    String label = values.get("label");
    if (label != null) {
      out.add(SENSOR_LABEL, 1, "chip", chip, "label", label, "sensor", sensor);
    }
    String prefix = "node_hwmon_" + type;
    for (Map.Entry<String, String> value : values.entrySet()) {
      String element = value.getKey();
      double parsed;
      try {
        parsed = Double.parseDouble(value.getValue());
      } catch (NumberFormatException e) {
        continue; // e.g. a label, or "N/A"
      }
      if (element.equals("label")) {
        continue;
      }
      emitValue(chip, sensor, type, prefix, element, values.containsKey(""), label, parsed, out);
    }
  }

  private static void emitValue(
      String chip,
      String sensor,
      String type,
      String prefix,
      String element,
      boolean hasBareValue,
      String label,
      double value,
      SampleSink out) {
    String[] labels = {"chip", chip, "sensor", sensor};
    switch (type) {
      case "beep_enable" -> {
        out.addNamed(
            "node_hwmon_beep_enabled",
            MetricDef.Type.GAUGE,
            "Hardware beep enabled",
            value == 1 ? 1 : 0,
            labels);
        return;
      }
      case "vrm" -> {
        out.addNamed(
            "node_hwmon_voltage_regulator_version",
            MetricDef.Type.GAUGE,
            "Hardware voltage regulator",
            value,
            labels);
        return;
      }
      case "update_interval" -> {
        out.addNamed(
            "node_hwmon_update_interval_seconds",
            MetricDef.Type.GAUGE,
            "Hardware monitor update interval",
            value * 0.001,
            labels);
        return;
      }
      default -> {}
    }
    String name = prefix;
    if (element.equals("input")) {
      name = hasBareValue ? name + "_input" : name;
    } else if (!element.isEmpty()) {
      name = name + "_" + clean(element);
    }
    if (type.equals("freq")) {
      // Only GPU clocks (freqN_input with a label) are exposed, keyed by that label.
      if (element.equals("input") && label != null) {
        out.addNamed(
            name + "_freq_mhz",
            MetricDef.Type.GAUGE,
            "Hardware monitor for GPU frequency in MHz",
            value / 1e6,
            "chip",
            chip,
            "sensor",
            clean(label));
      }
    } else if (element.equals("fault") || element.equals("alarm")) {
      out.addNamed(
          name,
          MetricDef.Type.GAUGE,
          "Hardware sensor " + element + " status (" + type + ")",
          value,
          labels);
    } else if (element.equals("beep")) {
      out.addNamed(
          name + "_enabled",
          MetricDef.Type.GAUGE,
          "Hardware monitor sensor has beeping enabled",
          value,
          labels);
    } else if (type.equals("power") && element.equals("accuracy")) {
      out.addNamed(
          name,
          MetricDef.Type.GAUGE,
          "Hardware monitor power meter accuracy, as a ratio",
          value / 1e6,
          labels);
    } else if (type.equals("power") && element.startsWith("average_interval")) {
      out.addNamed(
          name + "_seconds",
          MetricDef.Type.GAUGE,
          "Hardware monitor power usage update interval (" + element + ")",
          value * 0.001,
          labels);
    } else if (type.equals("fan") && List.of("input", "min", "max", "target").contains(element)) {
      out.addNamed(
          name + "_rpm",
          MetricDef.Type.GAUGE,
          "Hardware monitor for fan revolutions per minute (" + element + ")",
          value,
          labels);
    } else if (UNITS.containsKey(type) && !(type.equals("temp") && element.equals("type"))) {
      Unit unit = UNITS.get(type);
      out.addNamed(
          name + unit.suffix(),
          unit.type(),
          "Hardware monitor " + type + " (" + (element.isEmpty() ? "input" : element) + ")",
          value * unit.scale(),
          labels);
    } else {
      out.addNamed(
          name,
          MetricDef.Type.GAUGE,
          "Hardware monitor " + type + " element " + element,
          value,
          labels);
    }
  }

  /** Reads {@code <type><n>_<property>} files of {@code dir} into sensor → property → text. */
  private static void readSensors(
      CollectContext context, Path dir, Map<String, Map<String, String>> sensors) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
      for (Path file : files) {
        Matcher m = SENSOR_FILE.matcher(file.getFileName().toString());
        if (!m.matches() || !SENSOR_TYPES.contains(m.group(1))) {
          continue;
        }
        String number = m.group(2) == null || m.group(2).isEmpty() ? "0" : m.group(2);
        String property = m.group(4) == null ? "" : m.group(4);
        context
            .readLine(file)
            .ifPresent(
                text ->
                    sensors
                        .computeIfAbsent(m.group(1) + number, k -> new TreeMap<>())
                        .put(property, text));
      }
    } catch (IOException e) {
      context.skip("hwmon-list:" + dir, "cannot list " + dir + ": " + e.getMessage());
    }
  }

  /**
   * node_exporter's chip label: {@code <subsystem>_<device>} of the resolved {@code device} link
   * (e.g. {@code platform_coretemp_0}, {@code pci0000:00_0000:00:18_3}), else the driver name, else
   * the hwmon directory name.
   */
  private static Optional<String> chipLabel(CollectContext context, Path hwmonDir) {
    try {
      Path device = hwmonDir.resolve("device").toRealPath();
      String name = clean(device.getFileName().toString());
      String type =
          device.getParent() == null ? "" : clean(device.getParent().getFileName().toString());
      if (!type.isEmpty() && !name.isEmpty()) {
        return Optional.of(type + "_" + name);
      }
      if (!name.isEmpty()) {
        return Optional.of(name);
      }
    } catch (IOException e) {
      // no device link: virtual hwmon, fall through
    }
    Optional<String> driver = context.readLine(hwmonDir.resolve("name")).map(HwmonCollector::clean);
    if (driver.isPresent() && !driver.get().isEmpty()) {
      return driver;
    }
    try {
      String own = clean(hwmonDir.toRealPath().getFileName().toString());
      return own.isEmpty() ? Optional.empty() : Optional.of(own);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String clean(String name) {
    String replaced = INVALID_NAME_CHARS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("_");
    int start = 0;
    int end = replaced.length();
    while (start < end && replaced.charAt(start) == '_') {
      start++;
    }
    while (end > start && replaced.charAt(end - 1) == '_') {
      end--;
    }
    return replaced.substring(start, end);
  }
}
