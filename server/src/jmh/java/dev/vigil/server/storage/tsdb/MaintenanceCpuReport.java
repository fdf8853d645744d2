package dev.vigil.server.storage.tsdb;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.tsdb.head.HeadOptions;
import dev.vigil.server.storage.tsdb.wal.WalSyncPolicy;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints the CPU a {@link Tsdb} spends per million samples on appending (with the WAL) and on
 * maintenance (head flush to a block, head truncation, WAL checkpoint, compaction, retention),
 * cold and once the JIT has settled: the in-process half of bench/tsdb-vs-prometheus.sh's
 * 1 m-block steady state, without HTTP, parsing or another process beside it.
 *
 * <p>Simulated time: {@code series} series in 4 targets get one sample per second each, committed
 * per target and second, with 1 m blocks compacted up to 3 m; after every simulated minute the
 * report runs one maintenance pass on its own thread. CPU is this thread's
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}), so other processes on the machine do not count.
 * Values are a mix like SynthExporter's: counters, walking gauges (full-precision doubles) and
 * histogram-like integral series.
 *
 * <p>Run (jmh profile, see docs/performance.md): {@code java -XX:+UseSerialGC -cp "$CP"
 * dev.vigil.server.storage.tsdb.MaintenanceCpuReport [series] [minutes] [sync]}, defaults 2020,
 * 40, none.
 */
public final class MaintenanceCpuReport {

  private static final int TARGETS = 4;
  private static final long BLOCK = 60_000;

  private MaintenanceCpuReport() {}

  public static void main(String[] args) throws IOException {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 2020;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    WalSyncPolicy sync = WalSyncPolicy.fromFlag(args.length > 2 ? args[2] : "none");
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Path dir = Files.createTempDirectory("vigil-maint-cpu");
    TsdbOptions defaults = TsdbOptions.defaults();
    TsdbOptions options =
        defaults
            .withWal(defaults.wal().withSyncPolicy(sync))
            .withBlockRange(Duration.ofMillis(BLOCK))
            .withMaxBlockDuration(Duration.ofMillis(3 * BLOCK))
            .withHead(HeadOptions.builder().chunkRangeMillis(BLOCK).build())
            // The report runs maintenance itself, once per simulated minute.
            .withMaintenanceInterval(Duration.ofDays(1));
    Labels[] labels = labels(series);
    double[] values = new double[series];
    SplittableRandom random = new SplittableRandom(42);
    long t0 = 1_800_000_000_000L;
    long appendCold = 0;
    long appendWarm = 0;
    long maintainCold = 0;
    long maintainWarm = 0;
    long samplesCold = 0;
    long samplesWarm = 0;
    int warmFrom = minutes / 2;
    long[] refs = new long[series];
    long[] warmMaintenance = new long[minutes - warmFrom];
    try (Tsdb tsdb = Tsdb.open(dir, options, new TelemetryRegistry())) {
      for (int m = 0; m < minutes; m++) {
        long a0 = cpu.getCurrentThreadCpuTime();
        long n = 0;
        for (int s = 0; s < 60; s++) {
          long t = t0 + (m * 60L + s) * 1000;
          for (int target = 0; target < TARGETS; target++) {
            Appender app = tsdb.appender();
            for (int i = target; i < series; i += TARGETS) {
              values[i] = next(i, values[i], random);
              refs[i] = app.append(refs[i], labels[i], t, values[i]);
              n++;
            }
            app.commit();
          }
        }
        long a1 = cpu.getCurrentThreadCpuTime();
        tsdb.maintainNow();
        long a2 = cpu.getCurrentThreadCpuTime();
        if (m < warmFrom) {
          appendCold += a1 - a0;
          maintainCold += a2 - a1;
          samplesCold += n;
        } else {
          appendWarm += a1 - a0;
          maintainWarm += a2 - a1;
          warmMaintenance[m - warmFrom] = a2 - a1;
          samplesWarm += n;
        }
      }
      System.out.printf(Locale.ROOT,
          "series=%d minutes=%d sync=%s blocks=%d (1m blocks, compacted to 3m)%n",
          series, minutes, sync.flag(), tsdb.blocks().size());
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    print("first half (cold)", appendCold, maintainCold, samplesCold);
    print("second half (warm)", appendWarm, maintainWarm, samplesWarm);
    // The median pass is steadier than the mean on a shared machine, where a pass now and then
    // runs slow beside other processes.
    java.util.Arrays.sort(warmMaintenance);
    System.out.printf(Locale.ROOT, "median warm pass       maintenance %6.3f  s per million samples%n",
        warmMaintenance[warmMaintenance.length / 2] / 1e3 / (samplesWarm / warmMaintenance.length));
  }

  private static void print(String what, long appendNanos, long maintainNanos, long samples) {
    System.out.printf(Locale.ROOT,
        "%-20s append %6.3f  maintenance %6.3f  s per million samples (%d samples)%n", what,
        appendNanos / 1e3 / samples, maintainNanos / 1e3 / samples, samples);
  }

  /** A third each: counters (integral steps), walking gauges (random doubles), bucket-like. */
  private static double next(int i, double previous, SplittableRandom random) {
    return switch (i % 3) {
      case 0 -> previous + random.nextInt(10);
      case 1 -> previous + random.nextDouble() - 0.5;
      default -> previous + (random.nextInt(4) == 0 ? 1 : 0);
    };
  }

  private static Labels[] labels(int series) {
    Labels[] out = new Labels[series];
    for (int i = 0; i < series; i++) {
      int target = i % TARGETS;
      out[i] =
          Labels.of(
              "__name__", "app_metric_" + (i / TARGETS / 10) + (i % 3 == 1 ? "" : "_total"),
              "instance", "127.0.0." + (target + 2) + ":9500",
              "job", "synth",
              "le", Integer.toString(i / TARGETS % 10));
    }
    return out;
  }
}
