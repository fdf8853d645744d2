package dev.vigil.server.storage.tsdb.bench;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.tsdb.head.Head;
import java.util.Locale;

/**
 * Prints the heap a {@link Head} takes per series, measured as used heap after full collections
 * before and after loading: 100k series of 6 labels shaped like a JVM service's (shared job and
 * instance strings), then one 2 h chunk range of 15 s samples each. Rough but real: run it with a
 * fixed heap ({@code -Xms1g -Xmx1g}) so that collections settle.
 */
public final class HeadMemoryReport {

  private static final int SERIES = 100_000;

  private HeadMemoryReport() {}

  public static void main(String[] args) {
    long before = usedHeap();
    Head head = new Head();
    Labels[] labels = new Labels[SERIES];
    for (int i = 0; i < SERIES; i++) {
      // Fresh strings per series, as a scrape parser would produce them.
      labels[i] =
          Labels.of(
              "__name__",
              "http_server_requests_seconds_bucket",
              "job",
              new String("checkout"),
              "instance",
              "10.0.0." + (i % 50) + ":8080",
              "uri",
              "/api/v" + (i % 7) + "/orders",
              "status",
              Integer.toString(200 + i % 5),
              "le",
              Integer.toString(i / 250));
    }
    appendRound(head, labels, 0);
    labels = null;
    long withSeries = usedHeap();
    System.out.printf(
        Locale.ROOT,
        "%d series, 1 sample each: %.0f bytes/series%n",
        SERIES,
        (withSeries - before) / (double) SERIES);

    Labels[] again = new Labels[SERIES];
    for (int i = 0; i < SERIES; i++) {
      again[i] =
          Labels.of(
              "__name__",
              "http_server_requests_seconds_bucket",
              "job",
              "checkout",
              "instance",
              "10.0.0." + (i % 50) + ":8080",
              "uri",
              "/api/v" + (i % 7) + "/orders",
              "status",
              Integer.toString(200 + i % 5),
              "le",
              Integer.toString(i / 250));
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 480;
    for (int round = 1; round < rounds; round++) {
      appendRound(head, again, round);
    }
    long full = usedHeap();
    System.out.printf(
        Locale.ROOT,
        "after %d samples each: %.0f bytes/series, %.2f bytes/sample beyond the first%n",
        rounds,
        (full - before) / (double) SERIES,
        (full - withSeries) / (SERIES * (rounds - 1.0)));
    System.out.println("samples appended: " + head.stats().samplesAppended());
  }

  private static void appendRound(Head head, Labels[] labels, int round) {
    Appender app = head.appender();
    for (int i = 0; i < labels.length; i++) {
      // A slow counter: mostly unchanged, like histogram buckets.
      app.append(labels[i], ScrapeSeries.START + round * 15_000L, (round * 31 + i) / 97);
    }
    app.commit();
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
