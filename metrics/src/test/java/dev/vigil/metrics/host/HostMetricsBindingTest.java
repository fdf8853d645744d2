package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the binder behaves over time and when the host's files are missing or odd. */
class HostMetricsBindingTest {

  private static final long TTL_NANOS = Duration.ofSeconds(1).toNanos();

  @TempDir Path temp;

  private final PrometheusMeterRegistry registry = HostFixture.registry();
  private final AtomicLong nanos = new AtomicLong();
  private Path root;
  private HostMetrics host;

  @BeforeEach
  void copyFixture() {
    root = HostFixture.copyTo(temp.resolve("host"));
  }

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void servesOneReadOfTheFilesForTheWholeCachePeriod() throws IOException {
    bind(builder());
    write("proc/loadavg", "7.5 0.41 0.16 1/93 9740\n");

    assertThat(scrape()).contains("node_load1 0.89");

    nanos.addAndGet(TTL_NANOS);
    assertThat(scrape()).contains("node_load1 7.5");
  }

  @Test
  void addsSeriesForDevicesThatAppearAndRemovesVanishedOnes() throws IOException {
    bind(builder());
    String netDev = HostFixture.fixtureFile("proc/net/dev");
    write(
        "proc/net/dev",
        netDev
            .replace("  eth0:", "  veth7: 5 1 0 0 0 0 0 0 6 1 0 0 0 0 0 0\n  eth0:")
            .replaceAll("(?m)^ +lo:.*\n", ""));

    nanos.addAndGet(TTL_NANOS);
    scrape(); // the first read of this scrape refreshes and registers the new series
    List<String> lines = scrape();

    assertThat(lines)
        .contains("node_network_receive_bytes_total{device=\"veth7\"} 5.0")
        .noneMatch(l -> l.startsWith("node_network_receive_bytes_total{device=\"lo\"}"));
  }

  @Test
  void missingFileSkipsItsSeriesButNotTheScrape() throws IOException {
    Files.delete(root.resolve("proc/meminfo"));
    Files.delete(root.resolve("proc/pressure/cpu"));

    bind(builder());
    List<String> lines = scrape();

    assertThat(lines)
        .noneMatch(l -> l.startsWith("node_memory_"))
        .noneMatch(l -> l.startsWith("node_pressure_cpu"))
        .contains("node_pressure_io_waiting_seconds_total 2.642091", "node_load1 0.89");
  }

  @Test
  void malformedFieldSkipsOnlyThatField() throws IOException {
    write("proc/meminfo", HostFixture.variant("meminfo.malformed"));
    write("proc/stat", HostFixture.variant("stat.malformed"));

    bind(builder());
    List<String> lines = scrape();

    assertThat(lines)
        .contains(
            "node_memory_MemTotal_bytes 2.5276510208E10",
            "node_memory_HugePages_Total 4.0",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 63.49",
            "node_boot_time_seconds 1.795529816E9")
        .noneMatch(l -> l.startsWith("node_memory_MemFree_bytes"))
        .noneMatch(l -> l.startsWith("node_cpu_seconds_total{cpu=\"0\",mode=\"system\"}"))
        .noneMatch(l -> l.startsWith("node_context_switches_total"));
  }

  @Test
  void emptyProcfsBindsNothingButTheCollectorStatus() {
    bind(
        HostMetrics.builder()
            .paths(HostPaths.under(temp.resolve("nothing-here")))
            .linux(true)
            // The collectors that read no procfs: the clock, adjtimex, textfile directories.
            .disable("time", "timex", "textfile")
            .clocks(Clock.systemUTC(), nanos::get));

    assertThat(scrape())
        .filteredOn(l -> !l.startsWith("#"))
        .allMatch(l -> l.startsWith("node_scrape_collector_"));
  }

  @Test
  void cpuCountersDoNotGoBackwardsWhenTheKernelReportsLess() throws IOException {
    bind(builder());
    // iowait of cpu1 drops from 292 to 200 ticks (the kernel does this); user rises.
    write(
        "proc/stat",
        HostFixture.fixtureFile("proc/stat")
            .replace("cpu1 6914 0 2398 142161 292", "cpu1 7000 0 2398 142161 200"));

    nanos.addAndGet(TTL_NANOS);
    assertThat(scrape())
        .contains(
            "node_cpu_seconds_total{cpu=\"1\",mode=\"iowait\"} 2.92",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"user\"} 70.0");
  }

  @Test
  void cpuCountersRestartWhenIdleJumpsBackAsAfterHotplug() throws IOException {
    bind(builder());
    // idle of cpu1 falls from 1421.61 s to 10 s: the CPU went offline and came back.
    write(
        "proc/stat",
        HostFixture.fixtureFile("proc/stat")
            .replace("cpu1 6914 0 2398 142161 292", "cpu1 100 0 50 1000 1"));

    nanos.addAndGet(TTL_NANOS);
    assertThat(scrape())
        .contains(
            "node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"} 10.0",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"iowait\"} 0.01");
  }

  @Test
  void disabledCollectorsBindNothing() {
    bind(builder().disable("netclass", "netdev"));

    assertThat(scrape())
        .noneMatch(l -> l.startsWith("node_network_"))
        .noneMatch(l -> l.contains("collector=\"netclass\""))
        .contains("node_load1 0.89");
  }

  @Test
  void onlyBindsExactlyTheNamedCollectors() {
    bind(builder().only("loadavg"));

    assertThat(scrape())
        .filteredOn(l -> !l.startsWith("#") && !l.startsWith("node_scrape_collector_"))
        .containsExactlyInAnyOrder("node_load1 0.89", "node_load5 0.41", "node_load15 0.16");
  }

  @Test
  void exposesSeriesUnderTheRootfsPrefixWithoutIt() throws IOException {
    // The JVM's own table lists the host's root bind-mounted at <root>/rootfs.
    String rootfs = root.resolve("rootfs").toString();
    write("proc/self/mountinfo", "27 1 254:0 / " + rootfs + " rw,relatime - ext4 /dev/vda rw\n");

    bind(builder().only("filesystem"));

    assertThat(scrape())
        .contains(
            "node_filesystem_device_error{device=\"/dev/vda\",device_error=\"\","
                + "fstype=\"ext4\",mountpoint=\"/\"} 0.0");
  }

  @Test
  void prefersPid1MountTableOverTheJvmsOwn() throws IOException {
    Files.createDirectories(root.resolve("proc/1"));
    write("proc/1/mountinfo", "27 1 8:1 / / ro,relatime - xfs /dev/sda1 rw\n");

    bind(builder().only("filesystem"));

    assertThat(scrape())
        .contains(
            "node_filesystem_readonly{device=\"/dev/sda1\",device_error=\"\","
                + "fstype=\"xfs\",mountpoint=\"/\"} 1.0")
        .noneMatch(l -> l.contains("/dev/vda"));
  }

  @Test
  void sockstatMemoryIsConvertedFromPagesToBytes() throws IOException {
    write("proc/net/sockstat", HostFixture.variant("sockstat.mem"));

    bind(builder().only("sockstat"));

    // "TCP: ... mem 3", "UDP: inuse 0 mem 5", with 4 kB pages from the captured smaps
    assertThat(scrape())
        .contains(
            "node_sockstat_TCP_mem_bytes 12288.0",
            "node_sockstat_UDP_mem_bytes 20480.0",
            "node_sockstat_TCP_tw 2.0");
  }

  @Test
  void osSupportEndBecomesATimestamp() throws IOException {
    write("rootfs/etc/os-release", HostFixture.variant("os-release.quoted"));

    bind(builder().only("os"));

    assertThat(scrape())
        .contains(
            "node_os_support_end_timestamp_seconds 1.7470944E9", // 2025-05-13T00:00:00Z
            "node_os_version{id=\"fedora\",id_like=\"\",name=\"Fedora Linux\"} 40.0");
  }

  @Test
  void otherOperatingSystemsGetOnlyThePortableCollectors() {
    bind(builder().linux(false));

    assertThat(scrape())
        .filteredOn(l -> !l.startsWith("#") && !l.startsWith("node_scrape_collector_"))
        .allMatch(
            l ->
                l.startsWith("node_time_")
                    || l.startsWith("node_load1 ")
                    || l.startsWith("node_textfile_scrape_error "))
        .anyMatch(l -> l.startsWith("node_time_seconds "));
  }

  @Test
  void closeRemovesTheMeters() {
    bind(builder());

    host.close();

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void countersStayReadableWhenNobodyKeepsTheBinder() {
    HostMetrics.builder()
        .paths(HostPaths.under(root))
        .linux(true)
        .only("stat")
        .build()
        .bindTo(registry);

    System.gc();

    assertThat(scrape()).contains("node_context_switches_total 570438.0");
  }

  @Test
  void rejectsUnknownCollectorNamesListingTheKnownOnes() {
    assertThatThrownBy(() -> HostMetrics.builder().disable("systemd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"systemd\"")
        .hasMessageContaining("meminfo");
  }

  @Test
  void rejectsAnInvalidRegexNamingTheOptionAndPosition() {
    assertThatThrownBy(() -> HostMetrics.builder().vmstatFields("^(pg").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vmstatFields")
        .hasMessageContaining("index 4");
  }

  private HostMetrics.Builder builder() {
    return HostMetrics.builder()
        .paths(HostPaths.under(root))
        .linux(true)
        .cacheTtl(Duration.ofNanos(TTL_NANOS))
        .clocks(Clock.systemUTC(), nanos::get);
  }

  private void bind(HostMetrics.Builder builder) {
    host = builder.build();
    host.bindTo(registry);
  }

  private List<String> scrape() {
    return HostFixture.lines(registry);
  }

  private void write(String relative, String text) throws IOException {
    Files.writeString(root.resolve(relative), text);
  }
}
