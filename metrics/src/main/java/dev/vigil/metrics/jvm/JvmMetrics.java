package dev.vigil.metrics.jvm;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds Micrometer's standard JVM and process binders, the set the "JVM (Micrometer)" dashboard
 * reads, in one place so the agent and the starter expose the same names.
 *
 * <p>Binders that own resources (GC listeners, heap-pressure tracking) are closed by {@link
 * #close()}.
 */
public final class JvmMetrics implements MeterBinder, AutoCloseable {

  private final List<AutoCloseable> closeables = new ArrayList<>();

  @Override
  public void bindTo(MeterRegistry registry) {
    bindEventListeners(registry);
    bindReadOnScrape(registry);
  }

  /**
   * Binds the binders that count JVM events as they happen (GC pauses, allocation, heap pressure):
   * bound late, they would miss the collections before.
   */
  public void bindEventListeners(MeterRegistry registry) {
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    closeables.add(gc);
    JvmHeapPressureMetrics pressure = new JvmHeapPressureMetrics();
    pressure.bindTo(registry);
    closeables.add(pressure);
  }

  /**
   * Binds the binders whose meters read the JVM's state only when a scrape reads them (memory
   * pools, threads, classes, compilation, uptime, CPU, file descriptors): binding them any time
   * before the first scrape gives the same series and values as binding them at startup.
   */
  public void bindReadOnScrape(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    // JvmThreadMetrics' meters, with one thread snapshot per scrape instead of one per state.
    new JvmThreadGauges().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmCompilationMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception ignored) {
        // Closing a listener must never fail the host application's shutdown.
      }
    }
    closeables.clear();
  }
}
