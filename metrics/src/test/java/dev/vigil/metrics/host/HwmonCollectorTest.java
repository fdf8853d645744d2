package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hwmon over a sysfs tree laid out like a real x86 machine's: {@code /sys/class/hwmon/hwmon1} is a
 * symlink into {@code /sys/devices/platform/coretemp.0/hwmon/hwmon1}, whose {@code device} link
 * points back at {@code coretemp.0}. (The captured VM has no hwmon at all.)
 */
class HwmonCollectorTest {

  @TempDir Path temp;

  private final PrometheusMeterRegistry registry = HostFixture.registry();
  private HostMetrics host;

  @BeforeEach
  void buildSysfs() throws IOException {
    Path sys = temp.resolve("sys");
    Path coretemp = Files.createDirectories(sys.resolve("devices/platform/coretemp.0"));
    Path hwmon1 = Files.createDirectories(coretemp.resolve("hwmon/hwmon1"));
    Files.createSymbolicLink(hwmon1.resolve("device"), Path.of("../../../coretemp.0"));
    write(hwmon1, "name", "coretemp");
    write(hwmon1, "temp1_input", "45000");
    write(hwmon1, "temp1_label", "Package id 0");
    write(hwmon1, "temp1_max", "80000");
    write(hwmon1, "temp1_crit", "100000");
    write(hwmon1, "temp1_crit_alarm", "0");
    write(hwmon1, "uevent", "");

    // A chip without a device link (e.g. a virtual one) is named after its driver.
    Path hwmon2 = Files.createDirectories(sys.resolve("devices/virtual/hwmon/hwmon2"));
    write(hwmon2, "name", "nct6775");
    write(hwmon2, "fan2_input", "1200");
    write(hwmon2, "fan2_min", "300");
    write(hwmon2, "in0_input", "1104");
    write(hwmon2, "power1_average", "12500000");
    write(hwmon2, "temp3_input", "broken");

    Path classHwmon = Files.createDirectories(sys.resolve("class/hwmon"));
    Files.createSymbolicLink(
        classHwmon.resolve("hwmon1"), Path.of("../../devices/platform/coretemp.0/hwmon/hwmon1"));
    Files.createSymbolicLink(
        classHwmon.resolve("hwmon2"), Path.of("../../devices/virtual/hwmon/hwmon2"));
  }

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void namesChipsAfterTheirDeviceAndAnnotatesTheDriverName() {
    assertThat(scrape())
        .contains(
            "node_hwmon_chip_names{chip=\"platform_coretemp_0\",chip_name=\"coretemp\"} 1.0",
            "node_hwmon_chip_names{chip=\"nct6775\",chip_name=\"nct6775\"} 1.0",
            "node_hwmon_sensor_label{chip=\"platform_coretemp_0\",label=\"Package id 0\","
                + "sensor=\"temp1\"} 1.0");
  }

  @Test
  void exposesTemperaturesInCelsiusWithTheDashboardsNames() {
    assertThat(scrape())
        .contains(
            "node_hwmon_temp_celsius{chip=\"platform_coretemp_0\",sensor=\"temp1\"} 45.0",
            "node_hwmon_temp_max_celsius{chip=\"platform_coretemp_0\",sensor=\"temp1\"} 80.0",
            "node_hwmon_temp_crit_celsius{chip=\"platform_coretemp_0\",sensor=\"temp1\"} 100.0",
            "node_hwmon_temp_crit_alarm_celsius{chip=\"platform_coretemp_0\",sensor=\"temp1\"}"
                + " 0.0");
  }

  @Test
  void exposesFansVoltagesAndPowerInBaseUnits() {
    assertThat(scrape())
        .contains(
            "node_hwmon_fan_rpm{chip=\"nct6775\",sensor=\"fan2\"} 1200.0",
            "node_hwmon_fan_min_rpm{chip=\"nct6775\",sensor=\"fan2\"} 300.0",
            "node_hwmon_in_volts{chip=\"nct6775\",sensor=\"in0\"} 1.104",
            "node_hwmon_power_average_watt{chip=\"nct6775\",sensor=\"power1\"} 12.5")
        .noneMatch(l -> l.contains("sensor=\"temp3\""));
  }

  private List<String> scrape() {
    host = HostMetrics.builder().paths(HostPaths.under(temp)).linux(true).only("hwmon").build();
    host.bindTo(registry);
    return HostFixture.lines(registry);
  }

  private static void write(Path dir, String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text + "\n");
  }
}
