package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.counter;
import static dev.vigil.metrics.host.MetricDef.gauge;

import java.io.IOException;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@code node_timex_*}: the kernel clock's synchronisation state from adjtimex(2), converted to
 * seconds, hertz and ratios exactly as node_exporter's timex collector does. Reports nothing when
 * the system call is unavailable (no JNA, see {@link TimexSource#detect}).
 */
final class TimexCollector implements HostCollector {

  /** adjtimex's return value when the clock is not synchronised. */
  static final int TIME_ERROR = 5;

  /** Status bit: offset and jitter are in nanoseconds instead of microseconds. */
  static final int STA_NANO = 0x2000;

  private static final double MICROS = 1e6;
  private static final double NANOS = 1e9;

  /** ppm with a 16-bit binary fraction (adjtimex(2), NOTES) per unit. */
  private static final double PPM16FRAC = 1e6 * 65536;

  /** One metric and how it is computed from the struct; adding a metric adds a row. */
  private record Row(MetricDef def, ToDoubleFunction<Timex> value) {}

  private static final List<Row> ROWS =
      List.of(
          new Row(
              gauge(
                  "node_timex_sync_status",
                  "Is clock synchronized to a reliable server (1 = yes, 0 = no)."),
              t -> t.state() == TIME_ERROR ? 0 : 1),
          new Row(
              gauge(
                  "node_timex_offset_seconds",
                  "Time offset in between local system and reference clock."),
              t -> t.offset() / subsecond(t)),
          new Row(
              gauge("node_timex_frequency_adjustment_ratio", "Local clock frequency adjustment."),
              // freq is the deviation from nominal, so the ratio is 1 plus it.
              t -> 1 + t.freq() / PPM16FRAC),
          new Row(
              gauge("node_timex_maxerror_seconds", "Maximum error in seconds."),
              t -> t.maxerror() / MICROS),
          new Row(
              gauge("node_timex_estimated_error_seconds", "Estimated error in seconds."),
              t -> t.esterror() / MICROS),
          new Row(gauge("node_timex_status", "Value of the status array bits."), Timex::status),
          new Row(
              gauge("node_timex_loop_time_constant", "Phase-locked loop time constant."),
              Timex::constant),
          new Row(
              gauge("node_timex_tick_seconds", "Seconds between clock ticks."),
              t -> t.tick() / MICROS),
          new Row(
              gauge("node_timex_pps_frequency_hertz", "Pulse per second frequency."),
              t -> t.ppsfreq() / PPM16FRAC),
          new Row(
              gauge("node_timex_pps_jitter_seconds", "Pulse per second jitter."),
              t -> t.jitter() / subsecond(t)),
          new Row(
              // node_exporter reports the raw exponent under a seconds name; we keep its value.
              gauge("node_timex_pps_shift_seconds", "Pulse per second interval duration."),
              Timex::shift),
          new Row(
              gauge(
                  "node_timex_pps_stability_hertz",
                  "Pulse per second stability, average of recent frequency changes."),
              t -> t.stabil() / PPM16FRAC),
          new Row(
              counter(
                  "node_timex_pps_jitter_total",
                  "Pulse per second count of jitter limit exceeded events."),
              Timex::jitcnt),
          new Row(
              counter(
                  "node_timex_pps_calibration_total",
                  "Pulse per second count of calibration intervals."),
              Timex::calcnt),
          new Row(
              counter(
                  "node_timex_pps_error_total", "Pulse per second count of calibration errors."),
              Timex::errcnt),
          new Row(
              counter(
                  "node_timex_pps_stability_exceeded_total",
                  "Pulse per second count of stability limit exceeded events."),
              Timex::stbcnt),
          new Row(
              gauge("node_timex_tai_offset_seconds", "International Atomic Time (TAI) offset."),
              Timex::tai));

  private final TimexSource source;

  /**
   * @param source the system call, or null where it is unavailable
   */
  TimexCollector(TimexSource source) {
    this.source = source;
  }

  @Override
  public void collect(CollectContext context, SampleSink out) {
    if (source == null) {
      context.skip("timex:unavailable", "adjtimex needs JNA on the class path: no node_timex_*");
      return;
    }
    Timex timex;
    try {
      timex = source.read();
    } catch (IOException e) {
      context.skip("timex:read", "adjtimex: " + e.getMessage());
      return;
    }
    for (Row row : ROWS) {
      out.add(row.def(), row.value().applyAsDouble(timex));
    }
  }

  private static double subsecond(Timex t) {
    return (t.status() & STA_NANO) != 0 ? NANOS : MICROS;
  }
}
