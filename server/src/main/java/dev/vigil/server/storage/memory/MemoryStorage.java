package dev.vigil.server.storage.memory;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleRejectedException;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * An in-memory {@link Storage}: series keyed by their labels, samples (with their start
 * timestamps) in time order, nothing on disk and no retention. The skeleton's store until the TSDB replaces it; kept afterwards as a
 * reference implementation for tests.
 *
 * <p>One read-write lock guards everything: commits apply their whole batch under the write lock,
 * so a querier sees either all or none of a batch. Queriers copy what they select, so they never
 * hold the lock while the caller iterates.
 */
public final class MemoryStorage implements Storage {

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Labels, MemorySeries> series = new HashMap<>();

  /** Series by metric name: the one index worth having, since almost every selector has a name. */
  private final Map<String, List<MemorySeries>> byMetricName = new HashMap<>();

  private final MemoryStorageMetrics metrics;
  private volatile boolean closed;

  /** A store that reports its self-metrics into {@code registry}. */
  public MemoryStorage(TelemetryRegistry registry) {
    this.metrics = new MemoryStorageMetrics(registry, this::seriesCount);
  }

  /** A store with private self-metrics, for tests and tools. */
  public MemoryStorage() {
    this(new TelemetryRegistry());
  }

  @Override
  public Appender appender() {
    ensureOpen();
    return new MemoryAppender(this);
  }

  @Override
  public Querier querier(long minTime, long maxTime) {
    ensureOpen();
    return new MemoryQuerier(this, minTime, maxTime);
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("storage is closed");
    }
  }

  int seriesCount() {
    lock.readLock().lock();
    try {
      return series.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whether a sample would be stored now (false for an identical duplicate); throws if refused. */
  boolean accepts(Labels labels, long t, double v) {
    lock.readLock().lock();
    try {
      MemorySeries s = series.get(labels);
      boolean hasLast = s != null && s.size() > 0;
      return MemorySeries.accepts(
          labels, hasLast, hasLast ? s.lastTimestamp() : 0, hasLast ? s.lastValue() : 0, t, v);
    } catch (SampleRejectedException e) {
      metrics.rejected(e.reason());
      throw e;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Applies a committed batch atomically with respect to queriers. */
  void apply(List<MemoryAppender.Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    int appended = 0;
    lock.writeLock().lock();
    try {
      for (MemoryAppender.Pending p : batch) {
        MemorySeries s = series.get(p.labels());
        if (s == null) {
          s = new MemorySeries(p.labels());
          series.put(p.labels(), s);
          String name = p.labels().metricName();
          if (name != null) {
            byMetricName.computeIfAbsent(name, n -> new ArrayList<>()).add(s);
          }
        }
        try {
          boolean hasLast = s.size() > 0;
          if (MemorySeries.accepts(
              p.labels(),
              hasLast,
              hasLast ? s.lastTimestamp() : 0,
              hasLast ? s.lastValue() : 0,
              p.timestamp(),
              p.value())) {
            s.add(p.startTimestamp(), p.timestamp(), p.value());
            appended++;
          }
        } catch (SampleRejectedException e) {
          // Another appender committed a newer sample for this series after our append() check.
          metrics.rejected(e.reason());
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
    metrics.committed(appended);
  }

  /** Runs {@code reader} under the read lock with the candidate series for these matchers. */
  <T> T read(List<LabelMatcher> matchers, Function<Collection<MemorySeries>, T> reader) {
    lock.readLock().lock();
    try {
      Collection<MemorySeries> candidates = series.values();
      for (LabelMatcher m : matchers) {
        if (m.name().equals(Labels.METRIC_NAME) && m.type() == LabelMatcher.Type.EQUAL) {
          candidates = byMetricName.getOrDefault(m.value(), List.of());
          break;
        }
      }
      return reader.apply(candidates);
    } finally {
      lock.readLock().unlock();
    }
  }
}
