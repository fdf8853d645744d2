package dev.vigil.server.storage.tsdb.bench;

import dev.vigil.server.storage.tsdb.chunk.Chunk;
import dev.vigil.server.storage.tsdb.chunk.ChunkEncoding;
import dev.vigil.server.storage.tsdb.chunk.CompactChunkBuilder;
import dev.vigil.server.storage.tsdb.chunk.XorAppender;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints bytes per sample of scrape-like series: each kind alone, and a mix weighted like a
 * typical JVM service's exposition. "xor/120" is the head's XOR chunk cut at 120 samples; "best/N"
 * is what blocks store, {@link CompactChunkBuilder}'s smallest of XOR and INT for runs of N
 * samples (with the share of samples that ended up in INT chunks). Also prints what the
 * timestamps alone would cost with Prometheus's dod buckets, computed from the same dods, to show
 * what our bucket table buys.
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
      double[] mix = new double[RUNS.length + 1];
      System.out.printf(
          Locale.ROOT,
          "  %-15s %8s %9s %9s %10s  %s%n",
          "kind",
          "xor/120",
          "best/120",
          "best/480",
          "best/2048",
          "int share, dod bits/sample ours vs Prometheus buckets");
      for (ScrapeSeries kind : ScrapeSeries.values()) {
        long xorBytes = 0;
        long[] bestBytes = new long[RUNS.length];
        long intSamples = 0;
        long ourTsBits = 0;
        long promTsBits = 0;
        for (int s = 0; s < SERIES_PER_KIND; s++) {
          long[] ts = ScrapeSeries.timestamps(SAMPLES, jitter, 1000L * s + jitter);
          double[] vs = kind.values(SAMPLES, 7L * s);
          xorBytes += encodedBytes(ts, vs);
          for (int r = 0; r < RUNS.length; r++) {
            long[] result = bestBytes(ts, vs, RUNS[r]);
            bestBytes[r] += result[0];
            if (RUNS[r] == 2048) {
              intSamples += result[1];
            }
          }
          ourTsBits += dodBits(ts, new int[] {4, 10, 17}, 4);
          promTsBits += dodBits(ts, new int[] {14, 17, 20}, 4);
        }
        double samples = (double) SAMPLES * SERIES_PER_KIND;
        double weight = MIX.get(kind);
        mix[0] += xorBytes / samples * weight;
        for (int r = 0; r < RUNS.length; r++) {
          mix[r + 1] += bestBytes[r] / samples * weight;
        }
        System.out.printf(
            Locale.ROOT,
            "  %-15s %8.2f %9.2f %9.2f %10.2f  %4.0f%%, %5.2f vs %5.2f%n",
            kind,
            xorBytes / samples,
            bestBytes[0] / samples,
            bestBytes[1] / samples,
            bestBytes[2] / samples,
            100 * intSamples / samples,
            ourTsBits / samples,
            promTsBits / samples);
      }
      System.out.printf(
          Locale.ROOT,
          "  %-15s %8.2f %9.2f %9.2f %10.2f%n",
          "weighted mix",
          mix[0],
          mix[1],
          mix[2],
          mix[3]);
    }
  }

  /** Run lengths for the block encodings: the head's, one 2 h block at 15 s, the block default. */
  private static final int[] RUNS = {120, 480, 2048};

  /** Bytes of the best encoding of runs of {@code run} samples, and samples stored as INT. */
  private static long[] bestBytes(long[] ts, double[] vs, int run) {
    long bytes = 0;
    long intSamples = 0;
    CompactChunkBuilder b = new CompactChunkBuilder();
    for (int i = 0; i < ts.length; i++) {
      b.append(ts[i], vs[i]);
      if (b.numSamples() == run || i == ts.length - 1) {
        Chunk c = b.seal();
        bytes += c.bytes().length;
        if (c.encoding() == ChunkEncoding.INT) {
          intSamples += c.numSamples();
        }
      }
    }
    return new long[] {bytes, intSamples};
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
