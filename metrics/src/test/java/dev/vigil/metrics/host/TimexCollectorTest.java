package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * node_timex_* from recorded adjtimex(2) results, checked against the lines node_exporter 1.11
 * printed for the same kernel state, and the real system call through JNA.
 */
class TimexCollectorTest {

  /**
   * Captured on the development VM (no NTP daemon): TIME_ERROR, STA_UNSYNC, 16 s error bounds,
   * 100 Hz tick. node_exporter printed sync_status 0, status 64, maxerror and estimated error 16,
   * loop constant 2, tick 0.01, frequency ratio 1.
   */
  static final Timex UNSYNCHRONISED_VM =
      new Timex(5, 0, 0, 16_000_000, 16_000_000, 64, 2, 10_000, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  private final PrometheusMeterRegistry registry = HostFixture.registry();
  private HostMetrics host;

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void unsynchronisedClockMatchesNodeExporter() {
    List<String> lines = scrape(() -> UNSYNCHRONISED_VM);

    assertThat(lines)
        .contains(
            "# TYPE node_timex_sync_status gauge",
            "node_timex_sync_status 0.0",
            "node_timex_status 64.0",
            "node_timex_maxerror_seconds 16.0",
            "node_timex_estimated_error_seconds 16.0",
            "node_timex_loop_time_constant 2.0",
            "node_timex_tick_seconds 0.01",
            "node_timex_frequency_adjustment_ratio 1.0",
            "node_timex_offset_seconds 0.0",
            "# TYPE node_timex_pps_calibration_total counter",
            "node_timex_pps_calibration_total 0.0",
            "node_timex_tai_offset_seconds 0.0");
  }

  @Test
  void nanosecondStatusBitChangesTheOffsetAndJitterUnit() {
    // TIME_OK, STA_PLL | STA_NANO: offset -123456 ns, jitter 5000 ns, freq +20 ppm.
    Timex ntpNanos =
        new Timex(0, -123_456, 20 * 65_536, 3_000, 500, 0x2001, 7, 10_000, 0, 5_000, 2, 0, 1, 2,
            3, 4, 37);

    List<String> lines = scrape(() -> ntpNanos);

    assertThat(lines)
        .contains(
            "node_timex_sync_status 1.0",
            "node_timex_offset_seconds -1.23456E-4",
            "node_timex_pps_jitter_seconds 5.0E-6",
            "node_timex_frequency_adjustment_ratio 1.00002",
            "node_timex_maxerror_seconds 0.003",
            "node_timex_estimated_error_seconds 5.0E-4",
            "node_timex_pps_shift_seconds 2.0",
            "node_timex_pps_jitter_total 1.0",
            "node_timex_pps_calibration_total 2.0",
            "node_timex_pps_error_total 3.0",
            "node_timex_pps_stability_exceeded_total 4.0",
            "node_timex_tai_offset_seconds 37.0");
  }

  @Test
  void microsecondClockDividesByAMillion() {
    // TIME_OK, STA_PLL only: offset 250 us; pps frequency and stability in scaled ppm.
    Timex ntpMicros =
        new Timex(0, 250, -65_536, 0, 0, 0x0001, 6, 10_000, 3 * 65_536, 40, 0, 65_536, 0, 0, 0,
            0, 0);

    List<String> lines = scrape(() -> ntpMicros);

    assertThat(lines)
        .contains(
            "node_timex_offset_seconds 2.5E-4",
            "node_timex_pps_jitter_seconds 4.0E-5",
            "node_timex_frequency_adjustment_ratio 0.999999",
            "node_timex_pps_frequency_hertz 3.0E-6",
            "node_timex_pps_stability_hertz 1.0E-6");
  }

  @Test
  void failingSystemCallSkipsOnlyTimex() {
    List<String> lines =
        scrape(
            () -> {
              throw new IOException("adjtimex failed: errno 1");
            });

    assertThat(lines).noneMatch(l -> l.startsWith("node_timex_"));
    assertThat(lines).contains("node_scrape_collector_success{collector=\"timex\"} 1.0");
  }

  @Test
  void withoutJnaThereIsNoTimexAndNoError() {
    List<String> lines = scrape(null);

    assertThat(lines).noneMatch(l -> l.startsWith("node_timex_"));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void readsTheRealKernelClockThroughJna() throws IOException {
    // The test class path has JNA (an optional dependency of this module).
    TimexSource source = TimexSource.detect();
    assertThat(source).isInstanceOf(JnaAdjtimex.class);

    Timex timex = source.read();

    // TIME_OK .. TIME_ERROR are 0..5; the tick is 1e6 / CONFIG_HZ microseconds (HZ 100..1000).
    assertThat(timex.state()).isBetween(0, 5);
    assertThat(timex.tick()).isBetween(1_000L, 10_000L);
    assertThat(timex.maxerror()).isNotNegative();
  }

  private List<String> scrape(TimexSource source) {
    host =
        HostMetrics.builder()
            .paths(HostPaths.under(HostFixture.root()))
            .linux(true)
            .only("timex")
            .timexSource(source)
            .build();
    host.bindTo(registry);
    return HostFixture.lines(registry);
  }
}
