package dev.vigil.server.promql.engine;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One hour of 15 s samples shaped like scraped data: counters (one reset), gauges with NaN and
 * infinities, classic histogram buckets, a series that goes stale and comes back, a series with a
 * UTF-8 name and label, and a plain gauge for every extra name the query corpus uses.
 */
final class FuzzData {

  static final long STEP_MS = 15_000;
  static final long END_MS = 3_600_000;

  /** The metric names that hold data, for the generator and the mutator. */
  static final List<String> NAMES =
      List.of(
          "http_server_requests_seconds_count",
          "http_server_requests_seconds_sum",
          "http_server_requests_seconds_bucket",
          "node_cpu_seconds_total",
          "jvm_memory_used_bytes",
          "up",
          "flappy",
          "my.metric.ä");

  private FuzzData() {}

  static void load(Storage storage, List<String> extraNames, long seed) throws Exception {
    Random random = new Random(seed);
    Appender app = storage.appender();
    String[] instances = {"a:1", "b:2"};
    String[] uris = {"/api", "/health"};
    String[] les = {"0.1", "0.5", "1", "+Inf"};
    for (long t = 0; t <= END_MS; t += STEP_MS) {
      int i = (int) (t / STEP_MS);
      for (String instance : instances) {
        app.append(Labels.of("__name__", "up", "job", "app", "instance", instance), t, 1);
        for (String uri : uris) {
          // The second instance restarts halfway: its counters reset.
          long n = instance.equals("b:2") && i > 120 ? i - 120 : i;
          Labels base = Labels.of("job", "app", "instance", instance, "uri", uri, "code", "200");
          app.append(with(base, "http_server_requests_seconds_count"), t, n * 3);
          app.append(with(base, "http_server_requests_seconds_sum"), t, n * 0.7);
          for (int b = 0; b < les.length; b++) {
            app.append(
                with(base, "http_server_requests_seconds_bucket").toBuilder()
                    .set("le", les[b])
                    .build(),
                t,
                n * (b + 1));
          }
        }
        for (String mode : new String[] {"idle", "user"}) {
          app.append(
              Labels.of("__name__", "node_cpu_seconds_total", "job", "node", "instance", instance,
                  "cpu", "0", "mode", mode),
              t,
              i * 14.9 + random.nextDouble());
        }
        double mem = 1e8 + random.nextInt(1_000_000);
        if (i % 97 == 5) {
          mem = Double.NaN;
        } else if (i % 131 == 7) {
          mem = Double.POSITIVE_INFINITY;
        }
        app.append(
            Labels.of("__name__", "jvm_memory_used_bytes", "job", "app", "instance", instance,
                "area", "heap", "id", "G1 Eden Space"),
            t,
            mem);
      }
      // Stale between 20 and 30 minutes, as after a failed scrape.
      Labels flappy = Labels.of("__name__", "flappy", "job", "app");
      if (i == 80) {
        app.append(flappy, t, StaleNaN.VALUE);
      } else if (i < 80 || i > 120) {
        app.append(flappy, t, i % 7);
      }
      app.append(Labels.of("__name__", "my.metric.ä", "label.name", "välue"), t, -i);
      for (String name : extraNames) {
        for (int k = 0; k < 2; k++) {
          app.append(
              Labels.of("__name__", name, "job", "job" + k, "instance", "i" + k, "le",
                  k == 0 ? "1" : "+Inf"),
              t,
              i * (k + 1) + (i % 10 == 0 ? -5 : 0));
        }
      }
    }
    app.commit();
  }

  private static Labels with(Labels base, String name) {
    return base.toBuilder().set("__name__", name).build();
  }

  /** The names from {@link #NAMES} plus {@code extra}, without duplicates. */
  static List<String> allNames(List<String> extra) {
    List<String> out = new ArrayList<>(NAMES);
    for (String e : extra) {
      if (!out.contains(e)) {
        out.add(e);
      }
    }
    return out;
  }
}
