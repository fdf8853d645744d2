package dev.vigil.server.storage.tsdb.bench;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.tsdb.index.MemPostings;
import dev.vigil.server.storage.tsdb.index.Postings;
import dev.vigil.server.storage.tsdb.index.PostingsForMatchers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Postings intersection, raw and through matchers, over 100k series (100 jobs x 100 instances x 10
 * metric names), so one {@code job} selects 1% of them and one {@code __name__} 10%.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PostingsBenchmark {

  private long[] everyOther;
  private long[] everyThird;
  private MemPostings index;
  private final List<LabelMatcher> nameAndJob =
      List.of(LabelMatcher.equal("__name__", "metric_3"), LabelMatcher.equal("job", "job_42"));
  private final List<LabelMatcher> nameAndRegex =
      List.of(
          LabelMatcher.equal("__name__", "metric_3"),
          LabelMatcher.of(LabelMatcher.Type.REGEX, "instance", "host-1.*"));

  @Setup
  public void setUp() {
    everyOther = new long[500_000];
    everyThird = new long[333_334];
    for (int i = 0; i < everyOther.length; i++) {
      everyOther[i] = 2L * i;
    }
    for (int i = 0; i < everyThird.length; i++) {
      everyThird[i] = 3L * i;
    }
    index = new MemPostings();
    long ref = 1;
    for (int job = 0; job < 100; job++) {
      for (int inst = 0; inst < 100; inst++) {
        for (int m = 0; m < 10; m++) {
          index.add(
              ref++,
              Labels.of(
                  "__name__", "metric_" + m, "job", "job_" + job, "instance", "host-" + inst));
        }
      }
    }
  }

  /** Drains the intersection of refs divisible by 2 and by 3 (1M refs in, 167k out). */
  @Benchmark
  public long intersectLargeLists() {
    Postings p = Postings.intersect(List.of(Postings.of(everyOther), Postings.of(everyThird)));
    long sum = 0;
    while (p.next()) {
      sum += p.at();
    }
    return sum;
  }

  /** {@code metric_3{job="job_42"}}: 10k refs intersected with 100. */
  @Benchmark
  public long selectEqualMatchers() {
    return Postings.toArray(PostingsForMatchers.select(index, nameAndJob)).length;
  }

  /** {@code metric_3{instance=~"host-1.*"}}: a prefix regex merged over 11 values, intersected. */
  @Benchmark
  public long selectPrefixRegex() {
    return Postings.toArray(PostingsForMatchers.select(index, nameAndRegex)).length;
  }
}
