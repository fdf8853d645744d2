package dev.vigil.metrics.host;

import java.lang.management.ManagementFactory;

/**
 * {@code node_load1} where there is no procfs (macOS, BSD), from the JVM's operating-system MXBean;
 * the JDK exposes only the 1-minute average.
 */
final class PortableLoadCollector implements HostCollector {

  @Override
  public void collect(CollectContext context, SampleSink out) {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    if (load >= 0) { // negative means "not available", e.g. on Windows
      out.add(LoadavgCollector.LOADS.get(0), load);
    }
  }
}
