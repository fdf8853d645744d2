package dev.vigil.metrics.host;

/**
 * Reads one group of host metrics (node_exporter calls it a collector) into samples; called once
 * per refresh, never concurrently with itself.
 */
interface HostCollector extends AutoCloseable {

  void collect(CollectContext context, SampleSink out);

  /** Releases threads or other resources; most collectors hold none. */
  @Override
  default void close() {}
}
