package dev.vigil.server.scrape;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.tsdb.Tsdb;
import dev.vigil.server.storage.tsdb.TsdbOptions;
import dev.vigil.server.storage.tsdb.head.HeadOptions;
import dev.vigil.server.storage.tsdb.wal.WalOptions;
import dev.vigil.server.storage.tsdb.wal.WalSyncPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The steady scrape's hot path per sample: one 500-series body shaped like {@code
 * ../shared/bench/SynthExporter.java}'s (counters, random-walk gauges with 16-17 digit values,
 * histograms) parsed with a warm series cache, and the same plus appending by ref to a TSDB with
 * its WAL (sync policy none, so that fsync latency, which is waiting rather than CPU, does not
 * dominate) and committing. Bodies rotate through 32 renderings so values change like a target's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScrapeAppendBenchmark {

  private static final int SERIES = 500;
  private static final int BODIES = 32;

  private final byte[][] bodies = new byte[BODIES][];
  private final SeriesCache cache =
      new SeriesCache(new LabelMerger(Labels.of("job", "synth", "instance", "127.0.0.2:9"), false));
  private final ScrapedSamples scraped = new ScrapedSamples();
  private Path dir;
  private Tsdb tsdb;
  private long t = 1_700_000_000_000L;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Random random = new Random(7);
    double[] state = new double[SERIES];
    for (int i = 0; i < BODIES; i++) {
      bodies[i] = render(random, state).getBytes(StandardCharsets.UTF_8);
    }
    dir = Files.createTempDirectory("scrape-append-bench");
    tsdb =
        Tsdb.open(
            dir,
            TsdbOptions.defaults()
                .withHead(HeadOptions.builder().minValidTime(0).build())
                .withWal(WalOptions.defaults().withSyncPolicy(WalSyncPolicy.NONE)));
    for (int i = 0; i < 3; i++) {
      parseAndAppend(); // the cache learns the refs, which the head hands out after a commit
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    tsdb.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Result is ns per sample: parse a known body into the reused sample arrays. */
  @Benchmark
  @OperationsPerInvocation(SERIES)
  public int parse() throws ParseException {
    byte[] body = bodies[next++ & (BODIES - 1)];
    cache.beginScrape();
    TextFormatParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT, cache, scraped);
    cache.endScrape();
    return scraped.size();
  }

  /** Result is ns per sample: parse, append by ref, commit through the WAL into the head. */
  @Benchmark
  @OperationsPerInvocation(SERIES)
  public int parseAndAppend() throws ParseException {
    int n = parse();
    t += 1000;
    Appender app = tsdb.appender();
    for (int i = 0; i < n; i++) {
      SeriesCache.Entry e = scraped.series(i);
      e.ref = app.append(e.ref, e.labels, t, scraped.value(i));
    }
    app.commit();
    return n;
  }

  /** 50 families of 10 series: counters, gauges and 8-bucket histograms in turn. */
  private static String render(Random random, double[] state) {
    StringBuilder sb = new StringBuilder(SERIES * 80);
    String[] bounds = {"0.005", "0.01", "0.05", "0.1", "0.5", "1", "5", "+Inf"};
    for (int f = 0; f < SERIES / 10; f++) {
      int base = f * 10;
      switch (f % 3) {
        case 0 -> {
          sb.append("# TYPE app_requests_").append(f).append(" counter\n");
          for (int s = 0; s < 10; s++) {
            state[base + s] += random.nextInt(20);
            sb.append("app_requests_").append(f).append("_total{method=\"GET\",uri=\"/api/v")
                .append(s).append("\",status=\"200\"} ").append((long) state[base + s])
                .append('\n');
          }
        }
        case 1 -> {
          sb.append("# TYPE app_gauge_").append(f).append(" gauge\n");
          for (int s = 0; s < 10; s++) {
            state[base + s] = Math.max(0, state[base + s] + random.nextGaussian() * 10);
            sb.append("app_gauge_").append(f).append("{area=\"heap\",id=\"pool").append(s)
                .append("\"} ").append(state[base + s]).append('\n');
          }
        }
        default -> {
          String name = "app_latency_" + f + "_seconds";
          sb.append("# TYPE ").append(name).append(" histogram\n");
          double total = state[base] += random.nextInt(50);
          for (int b = 0; b < bounds.length; b++) {
            sb.append(name).append("_bucket{uri=\"/api\",le=\"").append(bounds[b]).append("\"} ")
                .append((long) (total * (b + 1) / bounds.length)).append('\n');
          }
          sb.append(name).append("_sum{uri=\"/api\"} ").append(total * 0.042).append('\n');
          sb.append(name).append("_count{uri=\"/api\"} ").append((long) total).append('\n');
        }
      }
    }
    return sb.toString();
  }
}
