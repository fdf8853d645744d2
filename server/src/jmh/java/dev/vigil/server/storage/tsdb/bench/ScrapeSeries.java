package dev.vigil.server.storage.tsdb.bench;

import java.util.Random;

/**
 * Synthetic series shaped like what a scrape produces: 15 s intervals with millisecond jitter and
 * the occasional missed scrape, and values of the kinds a JVM service exposes. Deterministic per
 * seed, so benchmark runs and compression figures are repeatable.
 */
public enum ScrapeSeries {
  /** {@code up}, {@code jvm_info}, config gauges: never changes. */
  CONSTANT_GAUGE {
    @Override
    double next(Random r, double prev, int i) {
      return 1;
    }
  },
  /** A histogram bucket or error counter: mostly unchanged, sometimes +1..3. */
  SLOW_COUNTER {
    @Override
    double next(Random r, double prev, int i) {
      return r.nextInt(10) < 8 ? prev : prev + 1 + r.nextInt(3);
    }
  },
  /** {@code http_requests_total} at ~20 req/s: +300 give or take per scrape. */
  FAST_COUNTER {
    @Override
    double next(Random r, double prev, int i) {
      return prev + 250 + r.nextInt(100);
    }
  },
  /** {@code process_cpu_seconds_total}: a float counter with full double precision. */
  FLOAT_COUNTER {
    @Override
    double next(Random r, double prev, int i) {
      return prev + r.nextDouble() * 0.3;
    }
  },
  /** {@code jvm_memory_used_bytes}: integer bytes growing between collections. */
  MEMORY_GAUGE {
    @Override
    double next(Random r, double prev, int i) {
      return i % 20 == 0 ? 50_000_000 + r.nextInt(1_000_000) : prev + r.nextInt(4_000_000);
    }
  },
  /** A small integer gauge such as threads or queue length. */
  SMALL_GAUGE {
    @Override
    double next(Random r, double prev, int i) {
      return Math.max(0, prev + r.nextInt(5) - 2);
    }
  };

  /** Start of the synthetic data: a realistic epoch-millisecond magnitude. */
  public static final long START = 1_750_000_000_000L;

  abstract double next(Random r, double prev, int i);

  /** {@code n} values of this kind. */
  public double[] values(int n, long seed) {
    Random r = new Random(seed);
    double[] out = new double[n];
    double v = this == FLOAT_COUNTER ? 12_345.678 : this == SMALL_GAUGE ? 20 : 1_000;
    for (int i = 0; i < n; i++) {
      v = next(r, v, i);
      out[i] = v;
    }
    return out;
  }

  /**
   * {@code n} timestamps 15 s apart, each late by 0..{@code jitterMillis} ms, with one scrape in
   * 500 missed.
   */
  public static long[] timestamps(int n, int jitterMillis, long seed) {
    Random r = new Random(seed);
    long[] out = new long[n];
    long nominal = START;
    for (int i = 0; i < n; i++) {
      nominal += 15_000;
      if (r.nextInt(500) == 0) {
        nominal += 15_000;
      }
      out[i] = nominal + (jitterMillis == 0 ? 0 : r.nextInt(jitterMillis + 1));
    }
    return out;
  }
}
