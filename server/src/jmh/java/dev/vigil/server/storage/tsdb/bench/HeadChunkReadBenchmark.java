package dev.vigil.server.storage.tsdb.bench;

import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.tsdb.chunk.Chunk;
import dev.vigil.server.storage.tsdb.chunk.XorAppender;
import dev.vigil.server.storage.tsdb.headchunks.HeadChunkStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per sample of decoding a sealed 120-sample head chunk kept on the heap against the same
 * chunk read back from a {@code chunks_head/} segment (mapping, bounds and CRC32C check, copy,
 * decode), and of writing one to the store.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HeadChunkReadBenchmark {

  private static final int SAMPLES = 120;

  @Param({"FAST_COUNTER", "MEMORY_GAUGE"})
  public ScrapeSeries kind;

  private Path dir;
  private HeadChunkStore store;
  private Chunk onHeap;
  private Chunk stored;
  private long writes;

  @Setup
  public void setUp() throws IOException {
    long[] ts = ScrapeSeries.timestamps(SAMPLES, 2, 1);
    double[] vs = kind.values(SAMPLES, 2);
    XorAppender app = new XorAppender();
    for (int i = 0; i < SAMPLES; i++) {
      app.append(ts[i], vs[i]);
    }
    onHeap = app.seal();
    dir = Files.createTempDirectory("head-chunk-bench");
    store = HeadChunkStore.open(dir, HeadChunkStore.DEFAULT_SEGMENT_SIZE);
    stored = store.chunk(1, store.write(1, ts[0], ts[SAMPLES - 1], onHeap));
  }

  @TearDown
  public void tearDown() throws IOException {
    store.close();
    HeadChunkStore.open(dir, HeadChunkStore.DEFAULT_SEGMENT_SIZE).close(); // empties it
    Files.delete(dir);
  }

  /** Result is ns per sample decoded from the heap. */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public void iterateOnHeap(Blackhole bh) {
    drain(onHeap.iterator(), bh);
  }

  /** Result is ns per sample read back from the file and decoded. */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public void iterateFromFile(Blackhole bh) {
    drain(stored.iterator(), bh);
  }

  /** Result is ns per sample of writing the chunk (one record) to the store. */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public long write() {
    if (++writes % 4096 == 0) {
      store.truncateBefore(2); // keeps the disk bounded: all but the current segment go
    }
    return store.write(1, 0, 1, onHeap);
  }

  private static void drain(SampleIterator it, Blackhole bh) {
    while (it.next()) {
      bh.consume(it.timestamp());
      bh.consume(it.value());
    }
  }
}
