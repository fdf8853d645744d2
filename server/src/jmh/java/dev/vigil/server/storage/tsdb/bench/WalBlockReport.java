package dev.vigil.server.storage.tsdb.bench;

import dev.vigil.server.storage.tsdb.Tsdb;
import dev.vigil.server.storage.tsdb.TsdbOptions;
import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockFiles;
import dev.vigil.server.storage.tsdb.block.BlockMeta;
import dev.vigil.server.storage.tsdb.block.BlockWriter;
import dev.vigil.server.storage.tsdb.block.Compactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Replays a Vigil data directory's WAL (e.g. one kept by bench/tsdb-vs-prometheus.sh with KEEP=1),
 * writes its samples as blocks of {@code minBlock} with {@link BlockWriter}, compacts them into
 * {@code maxBlock} ranges with {@link Compactor} and prints bytes per sample of the block dirs:
 * what the server will store once the head is cut into blocks, on the exact samples it scraped.
 *
 * <p>Run: {@code java -cp "$CP" dev.vigil.server.storage.tsdb.bench.WalBlockReport <data-dir>
 * <minBlockMillis> <maxBlockMillis>}; the data dir's WAL is replayed in place (the server must be
 * stopped), blocks go to a temporary directory that is removed afterwards.
 */
public final class WalBlockReport {

  private WalBlockReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: WalBlockReport <data-dir> <minBlockMillis> <maxBlockMillis>");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    long min = Long.parseLong(args[1]);
    long max = Long.parseLong(args[2]);
    Path out = Files.createTempDirectory("vigil-wal-blocks");
    try (Tsdb tsdb = Tsdb.open(data, TsdbOptions.defaults())) {
      long from = Math.floorDiv(tsdb.head().minTime(), min) * min;
      long to = tsdb.head().maxTime();
      BlockWriter writer = new BlockWriter();
      List<Block> blocks = new ArrayList<>();
      for (long t = from; t <= to; t += min) {
        BlockMeta m = writer.write(out, tsdb.querier(t, t + min - 1), t, t + min);
        blocks.add(Block.open(out.resolve(m.id())));
      }
      report("level-1 blocks", out, blocks);
      Compactor compactor = new Compactor(new long[] {min, max}, writer);
      List<BlockMeta> plan;
      while (!(plan = compactor.plan(blocks.stream().map(Block::meta).toList())).isEmpty()) {
        List<Block> parents = new ArrayList<>();
        for (Block b : blocks) {
          if (plan.contains(b.meta())) {
            parents.add(b);
          }
        }
        BlockMeta merged = compactor.compact(out, parents);
        blocks.removeAll(parents);
        parents.forEach(b -> BlockFiles.delete(b.dir()));
        blocks.add(Block.open(out.resolve(merged.id())));
      }
      report("after compaction", out, blocks);
    } finally {
      try (Stream<Path> s = Files.walk(out)) {
        s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void report(String what, Path dir, List<Block> blocks) throws IOException {
    long samples = 0;
    for (Block b : blocks) {
      samples += b.meta().numSamples();
    }
    long bytes = 0;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          bytes += Files.size(p);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-17s %2d blocks, %9d samples, %10d bytes: %.3f bytes/sample%n",
        what,
        blocks.size(),
        samples,
        bytes,
        (double) bytes / samples);
  }
}
