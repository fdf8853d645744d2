package dev.vigil.server.storage.tsdb.bench;

import dev.vigil.server.storage.tsdb.chunk.XorAppender;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints bytes per sample of the XOR chunk for scrape-like series: each kind alone, and a mix
 * weighted like a typical JVM service's exposition. Chunks are cut at 120 samples, as the head
 * does. Also prints what the timestamps alone would cost with Prometheus's dod buckets, computed
 * from the same dods, to show what our bucket table buys.
 *
 * <p>Run: see docs/performance.md, "TSDB micro-benchmarks".
 */
public final class CompressionReport {

  private static final int SAMPLES = 120 * 4 * 12; // one day at 15 s
  private static final int SERIES_PER_KIND = 50;

  /** Share of each kind among a JVM service's series (histogram buckets dominate). */
  private static final Map<ScrapeSeries, Double> MIX = new EnumMap<>(ScrapeSeries.class);

  static {
    MIX.put(ScrapeSeries.CONSTANT_GAUGE, 0.25);
    MIX.put(ScrapeSeries.SLOW_COUNTER, 0.40);
    MIX.put(ScrapeSeries.FAST_COUNTER, 0.10);
    MIX.put(ScrapeSeries.FLOAT_COUNTER, 0.05);
    MIX.put(ScrapeSeries.MEMORY_GAUGE, 0.10);
    MIX.put(ScrapeSeries.SMALL_GAUGE, 0.10);
  }

  private CompressionReport() {}

  public static void main(String[] args) {
    for (int jitter : new int[] {0, 2, 10}) {
      System.out.printf(Locale.ROOT, "jitter 0..%d ms per scrape%n", jitter);
      double mix = 0;
      for (ScrapeSeries kind : ScrapeSeries.values()) {
        long bytes = 0;
        long ourTsBits = 0;
        long promTsBits = 0;
        for (int s = 0; s < SERIES_PER_KIND; s++) {
          long[] ts = ScrapeSeries.timestamps(SAMPLES, jitter, 1000L * s + jitter);
          double[] vs = kind.values(SAMPLES, 7L * s);
          bytes += encodedBytes(ts, vs);
          ourTsBits += dodBits(ts, new int[] {4, 10, 17}, 4);
          promTsBits += dodBits(ts, new int[] {14, 17, 20}, 4);
        }
        double samples = (double) SAMPLES * SERIES_PER_KIND;
        double perSample = bytes / samples;
        mix += perSample * MIX.get(kind);
        System.out.printf(
            Locale.ROOT,
            "  %-15s %5.2f bytes/sample   dod bits/sample: ours %5.2f, Prometheus buckets %5.2f%n",
            kind,
            perSample,
            ourTsBits / samples,
            promTsBits / samples);
      }
      System.out.printf(Locale.ROOT, "  %-15s %5.2f bytes/sample%n", "weighted mix", mix);
    }
  }

  private static long encodedBytes(long[] ts, double[] vs) {
    long bytes = 0;
    XorAppender app = new XorAppender();
    for (int i = 0; i < ts.length; i++) {
      if (app.numSamples() == 120) {
        bytes += app.byteLength();
        app = new XorAppender();
      }
      app.append(ts[i], vs[i]);
    }
    return bytes + app.byteLength();
  }

  /** Bits the dods of {@code ts} take with the given payload widths (unary prefixes, 64 last). */
  private static long dodBits(long[] ts, int[] widths, int maxPrefix) {
    long bits = 0;
    for (int i = 0; i < ts.length; i++) {
      if (i % 120 < 2) {
        continue; // first and second sample of a chunk are not dod-coded
      }
      long dod = (ts[i] - ts[i - 1]) - (ts[i - 1] - ts[i - 2]);
      if (dod == 0) {
        bits += 1;
        continue;
      }
      int cost = maxPrefix + 64;
      for (int b = 0; b < widths.length; b++) {
        long half = 1L << (widths[b] - 1);
        if (dod >= -half && dod < half) {
          cost = b + 2 + widths[b];
          break;
        }
      }
      bits += cost;
    }
    return bits;
  }
}
