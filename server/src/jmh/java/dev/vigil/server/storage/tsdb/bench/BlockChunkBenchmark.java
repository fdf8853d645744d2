package dev.vigil.server.storage.tsdb.bench;

import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.tsdb.chunk.Chunk;
import dev.vigil.server.storage.tsdb.chunk.CompactChunkBuilder;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per sample of sealing and of decoding a 480-sample block chunk (one 2 h block at 15 s) as
 * {@link CompactChunkBuilder} writes it: INT for the integral kinds, XOR for the float counter.
 * Timestamps are aligned (no jitter), as the scrape layer stores them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BlockChunkBenchmark {

  private static final int SAMPLES = 480;

  @Param({"FAST_COUNTER", "SLOW_COUNTER", "FLOAT_COUNTER", "MEMORY_GAUGE"})
  public ScrapeSeries kind;

  private long[] ts;
  private double[] vs;
  private Chunk chunk;

  @Setup
  public void setUp() {
    ts = ScrapeSeries.timestamps(SAMPLES, 0, 1);
    vs = kind.values(SAMPLES, 2);
    chunk = seal();
  }

  /** Result is ns per sample collected and sealed (choosing and writing the encoding). */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public Chunk seal() {
    CompactChunkBuilder b = new CompactChunkBuilder();
    for (int i = 0; i < SAMPLES; i++) {
      b.append(ts[i], vs[i]);
    }
    return b.seal();
  }

  /** Result is ns per sample decoded. */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public void iterate(Blackhole bh) {
    SampleIterator it = chunk.iterator();
    while (it.next()) {
      bh.consume(it.timestamp());
      bh.consume(it.value());
    }
  }
}
