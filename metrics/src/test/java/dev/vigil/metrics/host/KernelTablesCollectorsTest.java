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
 * The collectors whose sources the captured machine has empty or not at all (schedstat, cpufreq,
 * thermal zones), fed with hand-edited files in a copy of the fixture.
 */
class KernelTablesCollectorsTest {

  @TempDir Path temp;

  private final PrometheusMeterRegistry registry = HostFixture.registry();
  private Path root;
  private HostMetrics host;

  @BeforeEach
  void copyFixture() {
    root = HostFixture.copyTo(temp.resolve("host"));
  }

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void schedstatNanosecondsBecomeSeconds() throws IOException {
    write("proc/schedstat", HostFixture.variant("schedstat"));

    List<String> lines = scrape("schedstat");

    assertThat(lines)
        .contains(
            "# TYPE node_schedstat_running_seconds_total counter",
            "node_schedstat_running_seconds_total{cpu=\"0\"} 2.416393417",
            "node_schedstat_waiting_seconds_total{cpu=\"0\"} 0.309812475",
            "node_schedstat_timeslices_total{cpu=\"1\"} 10.0");
  }

  @Test
  void softnetCountersAndBacklogPerCpu() throws IOException {
    write("proc/net/softnet_stat", HostFixture.variant("softnet_stat"));

    List<String> lines = scrape("softnet");

    assertThat(lines)
        .contains(
            "# TYPE node_softnet_processed_total counter",
            "node_softnet_processed_total{cpu=\"0\"} 3061.0",
            "node_softnet_dropped_total{cpu=\"0\"} 2.0",
            "node_softnet_times_squeezed_total{cpu=\"0\"} 3.0",
            "node_softnet_received_rps_total{cpu=\"0\"} 5.0",
            "node_softnet_flow_limit_count_total{cpu=\"0\"} 6.0",
            "# TYPE node_softnet_backlog_len gauge",
            "node_softnet_backlog_len{cpu=\"0\"} 7.0",
            "node_softnet_processed_total{cpu=\"2\"} 10.0");
  }

  @Test
  void conntrackEntriesLimitAndStatistics() throws IOException {
    write("proc/net/stat/nf_conntrack", HostFixture.variant("nf_conntrack"));

    List<String> lines = scrape("conntrack");

    // The captured host: nf_conntrack_count 0, nf_conntrack_max 262144.
    assertThat(lines)
        .contains(
            "node_nf_conntrack_entries 0.0",
            "node_nf_conntrack_entries_limit 262144.0",
            "node_nf_conntrack_stat_found 17.0",
            "node_nf_conntrack_stat_search_restart 2.0");
  }

  @Test
  void arpEntriesAndUdpQueues() throws IOException {
    write("proc/net/arp", HostFixture.variant("arp"));
    write("proc/net/udp", HostFixture.variant("udp"));

    List<String> lines = scrape("arp", "udp_queues");

    assertThat(lines)
        .contains(
            "node_arp_entries{device=\"eth0\"} 2.0",
            "node_arp_entries{device=\"eth1\"} 1.0",
            "node_udp_queues{ip=\"v4\",queue=\"rx\"} 1536.0",
            "node_udp_queues{ip=\"v4\",queue=\"tx\"} 16.0",
            "node_udp_queues{ip=\"v6\",queue=\"rx\"} 0.0");
  }

  @Test
  void tcpSocketsByStateWithQueuedBytesOverIpv4AndIpv6() throws IOException {
    write("proc/net/tcp", HostFixture.variant("tcp"));
    write("proc/net/tcp6", HostFixture.variant("tcp6"));

    List<String> lines = scrape("tcpstat");

    // Line 5 of tcp is malformed and skipped; the other sockets count.
    assertThat(lines)
        .contains(
            "node_tcp_connection_states{state=\"listen\"} 2.0",
            "node_tcp_connection_states{state=\"established\"} 2.0",
            "node_tcp_connection_states{state=\"time_wait\"} 1.0",
            "node_tcp_connection_states{state=\"close_wait\"} 1.0",
            "node_tcp_connection_states{state=\"tx_queued_bytes\"} 17.0",
            "node_tcp_connection_states{state=\"rx_queued_bytes\"} 522.0")
        .noneMatch(l -> l.startsWith("node_tcp_connection_states{state=\"syn_sent\"}"));
  }

  @Test
  void cpufreqKilohertzBecomeHertz() throws IOException {
    Path cpufreq = Files.createDirectories(root.resolve("sys/devices/system/cpu/cpu3/cpufreq"));
    Files.writeString(cpufreq.resolve("scaling_cur_freq"), "2400000\n");
    Files.writeString(cpufreq.resolve("scaling_max_freq"), "3600000\n");
    Files.writeString(cpufreq.resolve("cpuinfo_min_freq"), "800000\n");

    List<String> lines = scrape("cpufreq");

    assertThat(lines)
        .contains(
            "node_cpu_scaling_frequency_hertz{cpu=\"3\"} 2.4E9",
            "node_cpu_scaling_frequency_max_hertz{cpu=\"3\"} 3.6E9",
            "node_cpu_frequency_min_hertz{cpu=\"3\"} 8.0E8");
  }

  @Test
  void thermalZonesInCelsiusAndCoolingDeviceStates() throws IOException {
    Path zone = Files.createDirectories(root.resolve("sys/class/thermal/thermal_zone0"));
    Files.writeString(zone.resolve("type"), "x86_pkg_temp\n");
    Files.writeString(zone.resolve("temp"), "45500\n");
    Path fan = Files.createDirectories(root.resolve("sys/class/thermal/cooling_device2"));
    Files.writeString(fan.resolve("type"), "Fan\n");
    Files.writeString(fan.resolve("cur_state"), "1\n");
    Files.writeString(fan.resolve("max_state"), "not-a-number\n");

    List<String> lines = scrape("thermal_zone");

    assertThat(lines)
        .contains(
            "node_thermal_zone_temp{type=\"x86_pkg_temp\",zone=\"0\"} 45.5",
            "node_cooling_device_cur_state{name=\"2\",type=\"Fan\"} 1.0")
        .noneMatch(l -> l.startsWith("node_cooling_device_max_state{"));
  }

  @Test
  void powerSupplyValuesInBaseUnitsAndInfo() throws IOException {
    Path bat = Files.createDirectories(root.resolve("sys/class/power_supply/BAT0"));
    Files.writeString(bat.resolve("online"), "1\n");
    Files.writeString(bat.resolve("capacity"), "87\n");
    Files.writeString(bat.resolve("voltage_now"), "12410000\n");
    Files.writeString(bat.resolve("temp"), "315\n");
    Files.writeString(bat.resolve("status"), "Discharging\n");
    Files.writeString(bat.resolve("type"), "Battery\n");

    List<String> lines = scrape("powersupplyclass");

    assertThat(lines)
        .contains(
            "node_power_supply_online{power_supply=\"BAT0\"} 1.0",
            "node_power_supply_capacity{power_supply=\"BAT0\"} 87.0",
            "node_power_supply_voltage_volt{power_supply=\"BAT0\"} 12.41",
            "node_power_supply_temp_celsius{power_supply=\"BAT0\"} 31.5")
        .anyMatch(
            l ->
                l.startsWith("node_power_supply_info{")
                    && l.contains("power_supply=\"BAT0\"")
                    && l.contains("status=\"Discharging\"")
                    && l.contains("type=\"Battery\""));
  }

  private List<String> scrape(String... collectors) {
    host = HostMetrics.builder().paths(HostPaths.under(root)).linux(true).only(collectors).build();
    host.bindTo(registry);
    return HostFixture.lines(registry);
  }

  private void write(String relative, String text) throws IOException {
    Files.writeString(root.resolve(relative), text);
  }
}
