package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renders the captured host through a real PrometheusMeterRegistry and checks the exact exposition
 * lines: names, types, label names and values as node_exporter prints them. Expected values are
 * worked out by hand from the captured files (shown in comments).
 */
class HostMetricsExpositionTest {

  /** 2026-01-15T12:00:00Z, winter in Paris: offset +3600 s, zone "CET". */
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00.250Z");

  private final PrometheusMeterRegistry registry = HostFixture.registry();
  private HostMetrics host;
  private List<String> lines;

  @BeforeEach
  void scrapeFixture() {
    host =
        HostMetrics.builder()
            .paths(HostPaths.under(HostFixture.root()))
            .linux(true)
            .cacheTtl(Duration.ofHours(1))
            .clocks(Clock.fixed(NOW, ZoneId.of("Europe/Paris")), () -> 0L)
            .build();
    host.bindTo(registry);
    lines = HostFixture.lines(registry);
  }

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void exposesCpuSecondsAsCounterPerCpuAndMode() {
    // "cpu0 6349 0 1930 143430 39 0 17 130 0 0" in 1/100 s
    assertThat(lines)
        .contains(
            "# TYPE node_cpu_seconds_total counter",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 63.49",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1434.3",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"iowait\"} 2.92",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"steal\"} 1.38",
            "node_cpu_guest_seconds_total{cpu=\"0\",mode=\"nice\"} 0.0");
    assertThat(seriesOf("node_cpu_seconds_total")).hasSize(2 * 8);
  }

  @Test
  void exposesKernelCountersAndBootTime() {
    assertThat(lines)
        .contains(
            "# TYPE node_context_switches_total counter",
            "node_context_switches_total 570438.0",
            "node_intr_total 253487.0",
            "node_forks_total 9739.0",
            "# TYPE node_boot_time_seconds gauge",
            "node_boot_time_seconds 1.795529816E9",
            "node_procs_running 1.0",
            "node_procs_blocked 0.0");
  }

  @Test
  void exposesLoadAverages() {
    assertThat(lines)
        .contains(
            "# TYPE node_load1 gauge", "node_load1 0.89", "node_load5 0.41", "node_load15 0.16");
  }

  @Test
  void exposesEveryMeminfoFieldUnderNodeExporterNames() {
    assertThat(lines)
        .contains(
            "# TYPE node_memory_MemTotal_bytes gauge",
            "node_memory_MemTotal_bytes 2.5276510208E10", // 24684092 kB * 1024
            "node_memory_Active_anon_bytes 1589248.0", // 1552 kB
            "node_memory_HugePages_Total 0.0",
            "node_memory_Committed_AS_bytes 7.3728E7"); // 72000 kB
    long fields = HostFixture.fixtureFile("proc/meminfo").lines().count();
    assertThat(lines.stream().filter(l -> l.startsWith("# TYPE node_memory_")))
        .hasSize((int) fields);
  }

  @Test
  void exposesWholeDisksButNotLoopOrRamDevices() {
    // " 254 0 vda 25715 6106 1815618 35330 2735 13306 1474304 12893 0 5848 48641 3557 39 52072 417
    // 8 0"
    assertThat(lines)
        .contains(
            "# TYPE node_disk_reads_completed_total counter",
            "node_disk_reads_completed_total{device=\"vda\"} 25715.0",
            "node_disk_read_bytes_total{device=\"vda\"} 9.29596416E8", // 1815618 sectors * 512
            "node_disk_read_time_seconds_total{device=\"vda\"} 35.33",
            "node_disk_written_bytes_total{device=\"vda\"} 7.54843648E8", // 1474304 * 512
            "# TYPE node_disk_io_now gauge",
            "node_disk_io_now{device=\"vda\"} 0.0",
            "node_disk_io_time_seconds_total{device=\"vda\"} 5.848",
            "node_disk_io_time_weighted_seconds_total{device=\"vda\"} 48.641",
            "node_disk_discarded_sectors_total{device=\"vda\"} 52072.0",
            "node_disk_flush_requests_total{device=\"vda\"} 8.0");
    assertThat(lines).noneMatch(l -> l.contains("device=\"loop") || l.contains("device=\"zram"));
  }

  @Test
  void exposesEveryNetDevColumnAsCounter() {
    // "  eth0: 62156890    2837    0 ..."
    assertThat(lines)
        .contains(
            "# TYPE node_network_receive_bytes_total counter",
            "node_network_receive_bytes_total{device=\"eth0\"} 6.215689E7",
            "node_network_transmit_packets_total{device=\"eth0\"} 2847.0",
            "node_network_transmit_colls_total{device=\"lo\"} 0.0",
            "node_network_receive_nohandler_total{device=\"eth0\"} 0.0");
    assertThat(seriesOf("node_network_receive_").stream().map(this::name).distinct())
        .containsExactlyInAnyOrder(
            "node_network_receive_bytes_total",
            "node_network_receive_packets_total",
            "node_network_receive_errs_total",
            "node_network_receive_drop_total",
            "node_network_receive_fifo_total",
            "node_network_receive_frame_total",
            "node_network_receive_compressed_total",
            "node_network_receive_multicast_total",
            "node_network_receive_nohandler_total");
  }

  @Test
  void exposesNetClassStateAndInfo() {
    assertThat(lines)
        .contains(
            "node_network_up{device=\"eth0\"} 1.0",
            "node_network_up{device=\"lo\"} 0.0", // operstate "unknown"
            "# TYPE node_network_info gauge",
            "node_network_info{address=\"02:fc:00:00:00:01\",adminstate=\"up\","
                + "broadcast=\"ff:ff:ff:ff:ff:ff\",device=\"eth0\",duplex=\"unknown\",ifalias=\"\","
                + "operstate=\"up\"} 1",
            "node_network_mtu_bytes{device=\"eth0\"} 1400.0",
            "node_network_speed_bytes{device=\"eth0\"} -125000.0", // speed -1 (unknown)
            "node_network_flags{device=\"eth0\"} 4099.0", // 0x1003
            "node_network_carrier_changes_total{device=\"eth0\"} 2.0");
    // lo has no speed attribute (the driver answers EINVAL): no series rather than an error.
    assertThat(lines).noneMatch(l -> l.startsWith("node_network_speed_bytes{device=\"lo\""));
  }

  @Test
  void exposesFilesystemsWithNodeExporterLabels() {
    assertThat(lines)
        .contains("# TYPE node_filesystem_size_bytes gauge")
        .anyMatch(
            l ->
                l.matches(
                    "node_filesystem_size_bytes\\{device=\"/dev/vda\",device_error=\"\","
                        + "fstype=\"ext4\",mountpoint=\"/\"} [0-9.E]+"))
        .contains(
            "node_filesystem_device_error{device=\"/dev/vda\",device_error=\"\",fstype=\"ext4\","
                + "mountpoint=\"/\"} 0.0",
            "node_filesystem_readonly{device=\"/dev/vda\",device_error=\"\",fstype=\"ext4\","
                + "mountpoint=\"/\"} 0.0",
            "node_filesystem_mount_info{device=\"/dev/vda\",major=\"254\",minor=\"0\","
                + "mountpoint=\"/\"} 1");
    // /mnt/data is in the captured table but absent under the fixture rootfs: statvfs fails.
    assertThat(lines)
        .contains(
            "node_filesystem_device_error{device=\"tmpfs\",device_error=\"no such file or"
                + " directory\",fstype=\"tmpfs\",mountpoint=\"/mnt/data\"} 1.0",
            "node_filesystem_readonly{device=\"tmpfs\",device_error=\"no such file or directory\","
                + "fstype=\"tmpfs\",mountpoint=\"/mnt/data\"} 1.0");
    // /proc, /sys, /dev/* and cgroup mounts are excluded by node_exporter's defaults.
    assertThat(seriesOf("node_filesystem_device_error")).hasSize(2);
  }

  @Test
  void exposesUnameInfoForTheDashboardVariables() {
    assertThat(lines)
        .contains(
            "# TYPE node_uname_info gauge",
            "node_uname_info{domainname=\"(none)\",machine=\"x86_64\",nodename=\"vm\","
                + "release=\"6.18.44-fc-v657\",sysname=\"Linux\","
                + "version=\"#1 SMP PREEMPT_DYNAMIC @0\"} 1");
  }

  @Test
  void exposesOsReleaseInfoAndVersion() {
    assertThat(lines)
        .contains(
            "node_os_info{build_id=\"\",id=\"debian\",id_like=\"\",image_id=\"\","
                + "image_version=\"\",name=\"Debian GNU/Linux\","
                + "pretty_name=\"Debian GNU/Linux 12 (bookworm)\",variant=\"\",variant_id=\"\","
                + "version=\"12 (bookworm)\",version_codename=\"bookworm\",version_id=\"12\"} 1",
            "node_os_version{id=\"debian\",id_like=\"\",name=\"Debian GNU/Linux\"} 12.0");
  }

  @Test
  void exposesFileDescriptorsEntropyAndPressure() {
    assertThat(lines)
        .contains(
            "node_filefd_allocated 559.0",
            "node_filefd_maximum 2466186.0",
            "node_entropy_available_bits 256.0",
            "node_entropy_pool_size_bits 256.0",
            "# TYPE node_pressure_cpu_waiting_seconds_total counter",
            "node_pressure_cpu_waiting_seconds_total 38.620031", // total=38620031 us
            "node_pressure_io_stalled_seconds_total 2.233273",
            "node_pressure_memory_waiting_seconds_total 0.0");
    // The captured kernel has no /proc/pressure/irq.
    assertThat(lines).noneMatch(l -> l.startsWith("node_pressure_irq"));
  }

  @Test
  void exposesNodeExporterDefaultVmstatAndNetstatSubsetsAsGauges() {
    assertThat(seriesOf("node_vmstat_").stream().map(this::name))
        .containsExactlyInAnyOrder(
            "node_vmstat_pgpgin",
            "node_vmstat_pgpgout",
            "node_vmstat_pswpin",
            "node_vmstat_pswpout",
            "node_vmstat_pgfault",
            "node_vmstat_pgmajfault",
            "node_vmstat_oom_kill");
    assertThat(lines)
        .contains(
            "# TYPE node_vmstat_pgfault gauge",
            "node_vmstat_pgfault 2572546.0",
            "# TYPE node_netstat_Tcp_CurrEstab gauge",
            "node_netstat_Ip_Forwarding 2.0",
            "node_netstat_Icmp_InMsgs 1.0")
        .anyMatch(l -> l.startsWith("node_netstat_TcpExt_ListenDrops "))
        .anyMatch(l -> l.startsWith("node_netstat_Ip6_InOctets "))
        .noneMatch(l -> l.startsWith("node_netstat_Tcp_MaxConn "))
        .noneMatch(l -> l.startsWith("node_netstat_Ip_DefaultTTL "));
  }

  @Test
  void exposesSockstatCountsAndPageSizedMemory() {
    assertThat(lines)
        .contains(
            "node_sockstat_sockets_used 16.0",
            "node_sockstat_TCP_inuse 1.0",
            "node_sockstat_TCP_mem_bytes 0.0",
            "node_sockstat_FRAG_memory 0.0",
            "node_sockstat_TCP6_inuse 0.0");
  }

  @Test
  void exposesTimeZoneAndClocksources() {
    assertThat(lines)
        .contains(
            "node_time_seconds 1.76847840025E9",
            "node_time_zone_offset_seconds{time_zone=\"CET\"} 3600.0",
            "node_time_clocksource_available_info{clocksource=\"kvm-clock\",device=\"0\"} 1",
            "node_time_clocksource_current_info{clocksource=\"tsc\",device=\"0\"} 1");
  }

  @Test
  void reportsEachCollectorsSuccess() {
    assertThat(seriesOf("node_scrape_collector_success"))
        .hasSize(HostMetrics.defaultCollectorNames().size())
        .allMatch(l -> l.endsWith(" 1.0"));
  }

  private List<String> seriesOf(String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix) && !l.startsWith("#"))
        .collect(Collectors.toList());
  }

  private String name(String line) {
    return line.split("[{ ]")[0];
  }
}
