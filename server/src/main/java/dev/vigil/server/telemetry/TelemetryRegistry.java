package dev.vigil.server.telemetry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;

/**
 * The server's own metrics: a tiny registry of counters and gauges, exposed on {@code /metrics} in
 * the text format. Thread-safe.
 *
 * <p>We do not use Micrometer here: the server needs a dozen counters, and our own writer keeps the
 * output byte-for-byte in the format we also parse.
 */
public final class TelemetryRegistry {

  private final Map<String, MetricFamily<?>> families = new ConcurrentSkipListMap<>();

  /** Registers a counter; names are unique per registry. */
  public Counter counter(String name, String help, String... labelNames) {
    return register(new Counter(name, help, List.of(labelNames)));
  }

  /** Registers an unlabelled counter whose value is read from {@code supplier} when exposed. */
  public Counter counter(String name, String help, DoubleSupplier supplier) {
    Counter c = counter(name, help);
    c.labels().setSupplier(supplier);
    return c;
  }

  /** Registers a gauge; names are unique per registry. */
  public Gauge gauge(String name, String help, String... labelNames) {
    return register(new Gauge(name, help, List.of(labelNames)));
  }

  /** Registers an unlabelled gauge whose value is read from {@code supplier} when exposed. */
  public Gauge gauge(String name, String help, DoubleSupplier supplier) {
    Gauge g = gauge(name, help);
    g.labels().setSupplier(supplier);
    return g;
  }

  /** Registers an unlabelled summary (sum and count only) read from the suppliers when exposed. */
  public Summary summary(String name, String help, DoubleSupplier sum, DoubleSupplier count) {
    Summary s = register(new Summary(name, help));
    s.setSuppliers(sum, count);
    return s;
  }

  private <F extends MetricFamily<?>> F register(F family) {
    MetricFamily<?> existing = families.putIfAbsent(family.name(), family);
    if (existing != null) {
      throw new IllegalArgumentException("metric " + family.name() + " is already registered");
    }
    return family;
  }

  /** The whole registry in the Prometheus text format 0.0.4, families sorted by name. */
  public String exposition() {
    StringBuilder sb = new StringBuilder(4096);
    TextFormatWriter.write(families.values(), sb);
    return sb.toString();
  }
}
