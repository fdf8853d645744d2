package dev.vigil.agent.exporter;

import dev.vigil.agent.bootstrap.AgentLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a Micrometer Prometheus registry's meters straight into the scrape buffer: the headers
 * and series names are bytes laid out once ({@link ExpositionLayout}), so a scrape reads each
 * meter's value and appends it, without client_java's snapshot objects or per-line strings.
 *
 * <p>The layout is rebuilt when a meter is added or removed (registry listeners keep the meter
 * set). A registry the layout cannot reproduce byte for byte, and a value client_java would
 * refuse (a negative counter), are rendered through client_java instead, so the output is always
 * what {@link SnapshotExposition} would serve. Meters registered directly on the underlying
 * client_java registry are not seen; the agent registers none.
 */
final class MeterExposition implements ExpositionSource {

  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

  /** Base unit of the Prometheus registry's timers. */
  private static final TimeUnit SECONDS = TimeUnit.SECONDS;

  private final PrometheusMeterRegistry registry;
  private final ExpositionSource fallback;
  private final Set<Meter> meters = ConcurrentHashMap.newKeySet();
  private final AtomicLong changes = new AtomicLong();
  private final Object buildLock = new Object();

  /** The layout for {@link #builtAt} changes, or null when it is unsupported. */
  private volatile ExpositionLayout layout;

  private volatile long builtAt = -1;

  MeterExposition(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.fallback = new SnapshotExposition(registry.getPrometheusRegistry()::scrape);
    // Listeners first, then the meters already there: a meter added in between is in both, and
    // the set holds it once. Micrometer calls both listeners under its registration lock.
    registry.config().onMeterAdded(this::added);
    registry.config().onMeterRemoved(this::removed);
    meters.addAll(registry.getMeters());
  }

  @Override
  public void render(ExpositionFormatWriter format, ExpositionBuffer out) throws IOException {
    ExpositionLayout current = currentLayout();
    int start = out.length();
    boolean openMetrics = ExpositionNegotiation.isOpenMetrics(format);
    if (current != null && renderDirect(current, openMetrics, out)) {
      return;
    }
    out.truncate(start);
    fallback.render(format, out);
  }

  /** Whether the current meters are written directly (else through client_java). */
  boolean writesDirectly() {
    return currentLayout() != null;
  }

  private void added(Meter meter) {
    meters.add(meter);
    changes.incrementAndGet();
  }

  private void removed(Meter meter) {
    meters.remove(meter);
    changes.incrementAndGet();
  }

  private ExpositionLayout currentLayout() {
    if (builtAt == changes.get()) {
      return layout;
    }
    synchronized (buildLock) {
      long version = changes.get();
      if (builtAt != version) {
        try {
          layout =
              ExpositionLayout.build(List.copyOf(meters), registry.config().namingConvention());
        } catch (ExpositionLayout.UnsupportedException e) {
          layout = null;
          AgentLog.debug("metrics rendered through client_java: " + e.getMessage());
        }
        builtAt = version;
      }
      return layout;
    }
  }

  /**
   * Appends every family; false (with a partly written buffer) when a value must go through
   * client_java. Plain loops and a switch: the first scrapes run interpreted.
   */
  private static boolean renderDirect(
      ExpositionLayout layout, boolean openMetrics, ExpositionBuffer out) {
    HistogramSnapshot snapshot = null;
    ExpositionLayout.Family[] families = layout.families;
    for (int f = 0; f < families.length; f++) {
      ExpositionLayout.Family family = families[f];
      out.write(openMetrics ? family.openMetricsHeader : family.textHeader);
      ExpositionLayout.Line[] lines = family.lines;
      for (int l = 0; l < lines.length; l++) {
        ExpositionLayout.Line line = lines[l];
        out.write(line.prefix);
        Meter meter = line.meter;
        switch (line.value) {
          case COUNTER:
            if (!writeCounter(((Counter) meter).count(), out)) {
              return false;
            }
            break;
          case FUNCTION_COUNTER:
            if (!writeCounter(((FunctionCounter) meter).count(), out)) {
              return false;
            }
            break;
          case GAUGE:
            out.writeDouble(((Gauge) meter).value());
            break;
          case INFO:
            out.write('1');
            break;
          case TIMER_COUNT:
            // One snapshot for _count and _sum, the next line, as Micrometer takes one for both.
            snapshot = ((Timer) meter).takeSnapshot();
            out.writeLong(snapshot.count());
            break;
          case TIMER_SUM:
          case LONG_TASK_SUM:
            out.writeDouble(snapshot.total(SECONDS));
            break;
          case TIMER_MAX:
            out.writeDouble(((Timer) meter).max(SECONDS));
            break;
          case LONG_TASK_COUNT:
            snapshot = ((LongTaskTimer) meter).takeSnapshot();
            out.writeLong(snapshot.count());
            break;
          case LONG_TASK_MAX:
            out.writeDouble(((LongTaskTimer) meter).max(SECONDS));
            break;
          case SUMMARY_COUNT:
            out.writeLong(((DistributionSummary) meter).count());
            break;
          case SUMMARY_SUM:
            out.writeDouble(((DistributionSummary) meter).totalAmount());
            break;
          case SUMMARY_MAX:
            out.writeDouble(((DistributionSummary) meter).max());
            break;
          case FUNCTION_TIMER_COUNT:
            out.writeLong((long) ((FunctionTimer) meter).count());
            break;
          case FUNCTION_TIMER_SUM:
            out.writeDouble(((FunctionTimer) meter).totalTime(SECONDS));
            break;
          default:
            return false;
        }
        out.write('\n');
      }
    }
    if (openMetrics) {
      out.write(EOF);
    }
    return true;
  }

  /** client_java rejects a negative counter value (its scrape fails); keep that behaviour. */
  private static boolean writeCounter(double value, ExpositionBuffer out) {
    if (value < 0) {
      return false;
    }
    out.writeDouble(value);
    return true;
  }
}
