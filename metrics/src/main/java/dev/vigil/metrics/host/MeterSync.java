package dev.vigil.metrics.host;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Keeps a registry's meters in step with the series the collectors currently see: registers a meter
 * for each new series (a hot-plugged disk, a new container's veth) and removes meters whose series
 * vanished, so the exposition matches what node_exporter would print at that moment.
 *
 * <p>Each meter reads its value lazily through {@code reader}; nothing is copied into the meter.
 */
final class MeterSync {

  private final MeterRegistry registry;
  private final ToDoubleFunction<SeriesKey> reader;
  private final OnceLogger log;

  /** Also keeps the keys, which FunctionCounter holds only weakly, strongly reachable. */
  private final Map<SeriesKey, Meter> meters = new HashMap<>();

  MeterSync(MeterRegistry registry, ToDoubleFunction<SeriesKey> reader, OnceLogger log) {
    this.registry = registry;
    this.reader = reader;
    this.log = log;
  }

  /**
   * Called with every sample of one refresh and the keys of those samples ({@code live}, which the
   * caller has as its value map's key set, so no second set is built per refresh); not
   * thread-safe, the caller serializes refreshes.
   */
  void apply(Collection<Sample> samples, Set<SeriesKey> live) {
    for (Sample sample : samples) {
      if (!meters.containsKey(sample.key())) {
        register(sample);
      }
    }
    for (Iterator<Map.Entry<SeriesKey, Meter>> it = meters.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<SeriesKey, Meter> entry = it.next();
      if (!live.contains(entry.getKey())) {
        registry.remove(entry.getValue());
        it.remove();
      }
    }
  }

  void removeAll() {
    meters.values().forEach(registry::remove);
    meters.clear();
  }

  private void register(Sample sample) {
    MetricDef def = sample.def();
    SeriesKey key = sample.key();
    try {
      Meter meter =
          switch (def.type()) {
            case GAUGE, INFO ->
                Gauge.builder(def.micrometerName(), key, reader)
                    .tags(sample.tags())
                    .description(def.help())
                    .strongReference(true)
                    .register(registry);
            case COUNTER ->
                FunctionCounter.builder(def.micrometerName(), key, reader)
                    .tags(sample.tags())
                    .description(def.help())
                    .register(registry);
          };
      meters.put(key, meter);
    } catch (RuntimeException e) {
      // E.g. the application registered the same name with another type: skip this series only.
      log.debug(
          "register:" + def.name(), () -> "cannot register " + def.name() + ": " + e.getMessage());
    }
  }
}
