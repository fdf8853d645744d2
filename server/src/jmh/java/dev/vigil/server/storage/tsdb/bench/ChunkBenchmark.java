package dev.vigil.server.storage.tsdb.bench;

import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.tsdb.chunk.XorAppender;
import dev.vigil.server.storage.tsdb.chunk.XorChunk;
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

/** Cost per sample of filling and of decoding a 120-sample XOR chunk of scrape-like data. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChunkBenchmark {

  private static final int SAMPLES = 120;

  @Param({"FAST_COUNTER", "SLOW_COUNTER", "FLOAT_COUNTER", "MEMORY_GAUGE"})
  public ScrapeSeries kind;

  private long[] ts;
  private double[] vs;
  private XorChunk chunk;

  @Setup
  public void setUp() {
    ts = ScrapeSeries.timestamps(SAMPLES, 2, 1);
    vs = kind.values(SAMPLES, 2);
    XorAppender app = new XorAppender();
    for (int i = 0; i < SAMPLES; i++) {
      app.append(ts[i], vs[i]);
    }
    chunk = app.seal();
  }

  /** Result is ns per sample appended. */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public XorChunk append() {
    XorAppender app = new XorAppender(256);
    for (int i = 0; i < SAMPLES; i++) {
      app.append(ts[i], vs[i]);
    }
    return app.seal();
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
