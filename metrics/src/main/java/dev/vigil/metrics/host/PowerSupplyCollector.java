package dev.vigil.metrics.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code node_power_supply_*{power_supply}} and {@code node_power_supply_info} from {@code
 * /sys/class/power_supply/<name>/} (batteries, AC adapters, UPS via USB).
 */
final class PowerSupplyCollector implements HostCollector {

  /** A sysfs attribute, the metric name after {@code node_power_supply_}, and its scale. */
  private record Row(String file, String metric, double scale) {}

  private static final double MICRO = 1e-6; // µA, µV, µWh, µAh, µW
  private static final double DECI = 0.1; // tenths of a degree Celsius

  private static final List<Row> ROWS = new ArrayList<>();

  static {
    for (String same :
        List.of(
            "authentic",
            "calibrate",
            "capacity",
            "capacity_alert_max",
            "capacity_alert_min",
            "online",
            "present")) {
      ROWS.add(new Row(same, same, 1));
    }
    ROWS.add(new Row("cycle_count", "cyclecount", 1));
    ROWS.add(new Row("time_to_empty_now", "time_to_empty_seconds", 1));
    ROWS.add(new Row("time_to_full_now", "time_to_full_seconds", 1));
    for (String same :
        List.of(
            "current_boot",
            "current_max",
            "energy_empty",
            "energy_empty_design",
            "energy_full",
            "energy_full_design",
            "voltage_boot",
            "voltage_max",
            "voltage_max_design",
            "voltage_min",
            "voltage_min_design",
            "voltage_ocv",
            "charge_control_limit",
            "charge_control_limit_max",
            "charge_counter",
            "charge_empty",
            "charge_empty_design",
            "charge_full",
            "charge_full_design",
            "charge_term_current",
            "constant_charge_current",
            "constant_charge_current_max",
            "constant_charge_voltage",
            "constant_charge_voltage_max",
            "precharge_current",
            "input_current_limit")) {
      ROWS.add(new Row(same, same, MICRO));
    }
    ROWS.add(new Row("current_now", "current_ampere", MICRO));
    ROWS.add(new Row("energy_now", "energy_watthour", MICRO));
    ROWS.add(new Row("voltage_now", "voltage_volt", MICRO));
    ROWS.add(new Row("charge_now", "charge_ampere", MICRO));
    ROWS.add(new Row("power_now", "power_watt", MICRO));
    for (String temp :
        List.of(
            "temp",
            "temp_alert_max",
            "temp_alert_min",
            "temp_ambient",
            "temp_ambient_max",
            "temp_ambient_min",
            "temp_max",
            "temp_min")) {
      ROWS.add(new Row(temp, temp + "_celsius", DECI));
    }
  }

  /** Text attributes carried as labels of node_power_supply_info. */
  private static final List<String> INFO_LABELS =
      List.of(
          "capacity_level",
          "charge_type",
          "health",
          "manufacturer",
          "model_name",
          "serial_number",
          "status",
          "technology",
          "type",
          "usb_type",
          "scope");

  private static final MetricDef INFO =
      MetricDef.info("node_power_supply_info", "info of /sys/class/power_supply/<power_supply>.");

  @Override
  public void collect(CollectContext context, SampleSink out) {
    Path supplies = context.paths().sys("class/power_supply");
    for (String name : context.subdirectories(supplies)) {
      Path dir = supplies.resolve(name);
      for (Row row : ROWS) {
        number(context, dir.resolve(row.file()))
            .ifPresent(
                value ->
                    out.addNamed(
                        "node_power_supply_" + row.metric(),
                        MetricDef.Type.GAUGE,
                        row.metric() + " value of /sys/class/power_supply/<power_supply>.",
                        value * row.scale(),
                        "power_supply",
                        name));
      }
      // Every label is always present (empty when the driver lacks the attribute): Prometheus
      // treats an empty label as absent, and Micrometer wants one label set per name.
      List<String> labels = new ArrayList<>(List.of("power_supply", name));
      for (String label : INFO_LABELS) {
        labels.add(label);
        labels.add(context.readLine(dir.resolve(label)).orElse(""));
      }
      out.add(INFO, 1, labels.toArray(String[]::new));
    }
  }

  private static Optional<Double> number(CollectContext context, Path file) {
    Optional<String> text = context.readLine(file);
    try {
      return text.map(ProcNumbers::integer);
    } catch (NumberFormatException e) {
      context.skip(
          "power_supply:" + file, file + ": \"" + text.orElse("") + "\" is not an integer");
      return Optional.empty();
    }
  }
}
