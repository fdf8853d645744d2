package dev.vigil.server.storage.memory;

import dev.vigil.server.format.Names;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SampleRejectedException;
import dev.vigil.server.storage.SampleRejectedException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffers one batch for {@link MemoryStorage}. Each sample is checked when appended (against the
 * store and against this batch) so the caller can count rejections per sample, and checked again at
 * commit, when another appender may have committed in between.
 */
final class MemoryAppender implements Appender {

  /** One buffered sample. */
  record Pending(Labels labels, long startTimestamp, long timestamp, double value) {}

  private final MemoryStorage storage;
  private final List<Pending> pending = new ArrayList<>();
  private final Map<Labels, Pending> lastInBatch = new HashMap<>();
  private boolean done;

  MemoryAppender(MemoryStorage storage) {
    this.storage = storage;
  }

  @Override
  public void append(Labels labels, long timestamp, double value) {
    append(labels, SampleIterator.NO_START_TIMESTAMP, timestamp, value);
  }

  @Override
  public void append(Labels labels, long startTimestamp, long timestamp, double value) {
    ensureOpen();
    validate(labels);
    Pending last = lastInBatch.get(labels);
    boolean store;
    if (last != null) {
      store = MemorySeries.accepts(labels, true, last.timestamp(), last.value(), timestamp, value);
    } else {
      store = storage.accepts(labels, timestamp, value);
    }
    if (store) {
      Pending p = new Pending(labels, startTimestamp, timestamp, value);
      pending.add(p);
      lastInBatch.put(labels, p);
    }
  }

  private static void validate(Labels labels) {
    if (labels.isEmpty()) {
      throw new SampleRejectedException(Reason.INVALID_LABELS, "empty label set");
    }
    for (int i = 0; i < labels.size(); i++) {
      String n = labels.name(i);
      if (!Names.isValidLabelName(n)) {
        throw new SampleRejectedException(
            Reason.INVALID_LABELS, "invalid label name \"" + n + "\" in " + labels);
      }
    }
    String metric = labels.metricName();
    if (metric != null && !Names.isValidMetricName(metric)) {
      throw new SampleRejectedException(
          Reason.INVALID_LABELS, "invalid metric name \"" + metric + "\" in " + labels);
    }
  }

  @Override
  public void commit() {
    ensureOpen();
    done = true;
    storage.apply(pending);
  }

  @Override
  public void rollback() {
    ensureOpen();
    done = true;
    pending.clear();
  }

  private void ensureOpen() {
    if (done) {
      throw new IllegalStateException("appender already committed or rolled back");
    }
  }
}
