import dev.vigil.server.storage.tsdb.chunk.Chunk;
import dev.vigil.server.storage.tsdb.chunk.CompactChunkBuilder;
import dev.vigil.server.storage.tsdb.chunk.XorAppender;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The JIT compilers' CPU for the head's seal path, as the head runs it: every series' chunk is
 * sealed (XOR chunk -> smallest encoding) within one burst, once per chunk length. First one round
 * of appends warms the append path, then each burst seals SERIES chunks of 120 scrape-like samples
 * (a third gauges, the rest counters) and waits 3 s for the compile queue; printed per burst is
 * the CPU the C1/C2 threads used meanwhile (from /proc/self/task).
 *
 * <p>Usage: java -cp SERVER_CLASSES:. SealBurst SERIES BURSTS
 */
public final class SealBurst {

  private SealBurst() {}

  static long compilerMillis() throws Exception {
    long ticks = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : tasks) {
        String comm = Files.readString(t.resolve("comm")).trim();
        if (!comm.startsWith("C1 Compiler") && !comm.startsWith("C2 Compiler")) {
          continue;
        }
        String s = Files.readString(t.resolve("stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      }
    }
    return ticks * 10; // USER_HZ 100
  }

  public static void main(String[] args) throws Exception {
    int series = Integer.parseInt(args[0]);
    int bursts = Integer.parseInt(args[1]);
    Random rnd = new Random(42);
    double[] values = new double[series];
    long t = 1_700_000_000_000L;
    XorAppender[] open = new XorAppender[series];
    long samples = 0;
    for (int b = -1; b < bursts; b++) {
      for (int i = 0; i < series; i++) {
        open[i] = new XorAppender(32); // the constructor every build has
      }
      for (int s = 0; s < 120; s++) {
        t += 1000 + rnd.nextInt(3) - 1;
        for (int i = 0; i < series; i++) {
          boolean gauge = (i / 10) % 3 == 1;
          values[i] = gauge ? Math.max(0, values[i] + rnd.nextGaussian() * 10) : values[i] + rnd.nextInt(20);
          open[i].append(t, values[i]);
        }
      }
      if (b < 0) {
        Thread.sleep(3000);
        System.out.printf("append path warm: compilers %d ms%n", compilerMillis());
        continue;
      }
      long before = compilerMillis();
      for (int i = 0; i < series; i++) {
        Chunk c = CompactChunkBuilder.smallest(open[i].seal());
        samples += c.numSamples();
      }
      Thread.sleep(3000);
      System.out.printf("burst %d (%d chunks): compilers +%d ms%n", b, series, compilerMillis() - before);
    }
    System.out.printf("%d samples sealed%n", samples);
  }
}
