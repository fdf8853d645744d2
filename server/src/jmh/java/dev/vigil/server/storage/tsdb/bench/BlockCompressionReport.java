package dev.vigil.server.storage.tsdb.bench;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockFiles;
import dev.vigil.server.storage.tsdb.block.BlockMeta;
import dev.vigil.server.storage.tsdb.block.BlockWriter;
import dev.vigil.server.storage.tsdb.block.Compactor;
import dev.vigil.server.storage.tsdb.head.Head;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * Prints bytes per sample on disk of a day of scrape-like data (the {@link CompressionReport} mix,
 * 1,000 series with realistic label sets) written as 2 h blocks, then compacted with the default
 * 15-day-retention ranges, for several block chunk lengths, plus what Deflate would save on the
 * chunk segments. Everything counts: chunks, index and meta.json.
 *
 * <p>Run: see docs/performance.md, "Blocks".
 */
public final class BlockCompressionReport {

  private static final long H2 = 2 * 3600_000L;
  private static final int SAMPLES = 4 * 60 * 24; // one day at 15 s
  private static final int SERIES = 1000;

  private BlockCompressionReport() {}

  public static void main(String[] args) throws IOException {
    // Jitter levels to report, in ms; all three by default (about a minute each).
    int[] levels =
        args.length == 0
            ? new int[] {0, 2, 10}
            : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    for (int jitter : levels) {
      Head head = fill(jitter);
      long total = head.stats().samplesAppended();
      System.out.printf(Locale.ROOT, "jitter 0..%d ms, %d samples%n", jitter, total);
      for (int perChunk : new int[] {120, 480, 2048, 65535}) {
        report(head, total, perChunk);
      }
    }
  }

  private static void report(Head head, long total, int perChunk) throws IOException {
    Path dir = Files.createTempDirectory("vigil-blocks");
    try {
      BlockWriter writer = new BlockWriter(perChunk);
      long from = Math.floorDiv(ScrapeSeries.START, H2) * H2;
      List<Block> blocks = new ArrayList<>();
      for (long t = from; t < head.maxTime(); t += H2) {
        BlockMeta m = writer.write(dir, head.querier(t, t + H2 - 1), t, t + H2);
        blocks.add(Block.open(dir.resolve(m.id())));
      }
      String level1 = sizes(dir, total);
      Compactor compactor = new Compactor(Compactor.rangesFor(15 * 12 * H2), writer);
      List<BlockMeta> plan;
      while (!(plan = compactor.plan(blocks.stream().map(Block::meta).toList())).isEmpty()) {
        List<Block> parents = new ArrayList<>();
        for (Block b : blocks) {
          if (plan.contains(b.meta())) {
            parents.add(b);
          }
        }
        BlockMeta out = compactor.compact(dir, parents);
        blocks.removeAll(parents);
        parents.forEach(b -> BlockFiles.delete(b.dir()));
        blocks.add(Block.open(dir.resolve(out.id())));
      }
      System.out.printf(
          Locale.ROOT,
          "  chunk ≤ %5d samples: 2 h blocks %s | compacted (%d blocks) %s%n",
          perChunk,
          level1,
          blocks.size(),
          sizes(dir, total));
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** "all x.xx B/sample (chunks y.yy, index z.zz; chunks deflated w.ww)". */
  private static String sizes(Path dir, long samples) throws IOException {
    long all = 0;
    long chunks = 0;
    long index = 0;
    long deflated = 0;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (!Files.isRegularFile(p)) {
          continue;
        }
        long n = Files.size(p);
        all += n;
        if (p.getParent().getFileName().toString().equals("chunks")) {
          chunks += n;
          deflated += deflatedSize(Files.readAllBytes(p));
        } else if (p.getFileName().toString().equals("index")) {
          index += n;
        }
      }
    }
    double d = samples;
    return String.format(
        Locale.ROOT,
        "all %.3f B/sample (chunks %.3f, index %.3f; chunks deflated %.3f)",
        all / d,
        chunks / d,
        index / d,
        deflated / d);
  }

  private static long deflatedSize(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    byte[] buf = new byte[1 << 16];
    long n = 0;
    while (!deflater.finished()) {
      n += deflater.deflate(buf);
    }
    deflater.end();
    return n;
  }

  /** The CompressionReport mix as 1,000 series of a JVM service scraped for a day. */
  private static Head fill(int jitter) {
    ScrapeSeries[] kinds = new ScrapeSeries[SERIES];
    Labels[] labels = new Labels[SERIES];
    double[][] values = new double[SERIES][];
    String[] les = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
    for (int i = 0; i < SERIES; i++) {
      int slot = i % 20; // 5 constant, 8 slow, 2 fast, 1 float, 2 memory, 2 small per 20
      ScrapeSeries kind =
          slot < 5 ? ScrapeSeries.CONSTANT_GAUGE
              : slot < 13 ? ScrapeSeries.SLOW_COUNTER
              : slot < 15 ? ScrapeSeries.FAST_COUNTER
              : slot < 16 ? ScrapeSeries.FLOAT_COUNTER
              : slot < 18 ? ScrapeSeries.MEMORY_GAUGE
              : ScrapeSeries.SMALL_GAUGE;
      kinds[i] = kind;
      Labels.Builder b =
          Labels.builder()
              .set("__name__", kind.name().toLowerCase(Locale.ROOT) + "_" + (i % 40))
              .set("job", "service-" + (i % 5))
              .set("instance", "10.0.0." + (i / 20) + ":8080"); // 50 targets of 20 series
      if (kind == ScrapeSeries.SLOW_COUNTER) {
        b.set("le", les[i % les.length]).set("uri", "/api/v1/items/" + (i % 8));
      }
      labels[i] = b.build();
      values[i] = kind.values(SAMPLES, 7L * i);
    }
    long[][] ts = new long[SERIES / 20][];
    for (int t = 0; t < ts.length; t++) {
      ts[t] = ScrapeSeries.timestamps(SAMPLES, jitter, 1000L * t + jitter); // one per target
    }
    Head head = new Head();
    for (int s = 0; s < SAMPLES; s++) {
      Appender app = head.appender();
      for (int i = 0; i < SERIES; i++) {
        app.append(labels[i], ts[i / 20][s], values[i][s]);
      }
      app.commit();
    }
    return head;
  }
}
