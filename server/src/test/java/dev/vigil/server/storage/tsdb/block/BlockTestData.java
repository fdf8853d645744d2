package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.storage.tsdb.head.Head;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds heads with scrape-like random data and dumps queriers exactly (values as raw bits). */
final class BlockTestData {

  static final long HOUR = 3_600_000L;
  static final LabelMatcher ALL = LabelMatcher.of(LabelMatcher.Type.REGEX, "__name__", ".*");

  private static final String[] JOBS = {"api", "db", "cache", "wörker", "計算"};
  private static final String[] CODES = {"200", "404", "500"};

  private BlockTestData() {}

  /** Random series appended to {@code head} every ~15 s over {@code [from, to)}. */
  static void fill(Head head, Random rnd, int seriesCount, long from, long to) {
    List<Labels> series = new ArrayList<>();
    for (int i = 0; i < seriesCount; i++) {
      Labels.Builder b =
          Labels.builder()
              .set("__name__", "metric_" + (i % 7))
              .set("job", JOBS[i % JOBS.length])
              .set("instance", "host-" + (i / 7) + ":9100");
      if (i % 3 == 0) {
        b.set("code", CODES[i % CODES.length]);
      }
      series.add(b.build());
    }
    double[] values = new double[seriesCount];
    for (long t = from; t < to; t += 15_000) {
      Appender app = head.appender();
      for (int i = 0; i < seriesCount; i++) {
        if (rnd.nextInt(50) == 0) {
          continue; // a missed scrape
        }
        long ts = t + rnd.nextInt(5);
        int kind = rnd.nextInt(100);
        double v =
            kind == 0
                ? StaleNaN.VALUE
                : kind == 1 ? Double.NaN : (values[i] += rnd.nextInt(4) * (i % 2 == 0 ? 1 : 0.25));
        app.append(series.get(i), ts, v);
      }
      app.commit();
    }
  }

  /** Every sample of every series the matchers select, values as raw bits for exact comparison. */
  static Map<Labels, List<String>> dump(Querier q, List<LabelMatcher> matchers) {
    Map<Labels, List<String>> out = new LinkedHashMap<>();
    SeriesSet set = q.select(true, matchers);
    while (set.next()) {
      List<String> samples = new ArrayList<>();
      SampleIterator it = set.at().iterator();
      while (it.next()) {
        samples.add(it.timestamp() + ":" + Long.toHexString(Double.doubleToRawLongBits(it.value())));
      }
      out.put(set.at().labels(), samples);
    }
    return out;
  }

  static Map<Labels, List<String>> dumpAll(Querier q) {
    return dump(q, List.of(ALL));
  }
}
