package dev.vigil.server.storage.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RefMapTest {

  @Test
  void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
    Random random = new Random(5);
    RefMap map = new RefMap();
    Map<Long, MemSeries> reference = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      long ref = random.nextInt(2_000);
      if (random.nextInt(3) == 0) {
        map.remove(ref);
        reference.remove(ref);
      } else {
        MemSeries s = new MemSeries(ref, Labels.empty());
        map.put(ref, s);
        reference.put(ref, s);
      }
      long probe = random.nextInt(2_000);
      assertThat(map.get(probe)).isSameAs(reference.get(probe));
      assertThat(map.getRacy(probe)).isSameAs(reference.get(probe)); // alone, it is exact
    }
    assertThat(map.size()).isEqualTo(reference.size());
    Map<Long, MemSeries> all = new HashMap<>();
    map.forEach(s -> all.put(s.ref, s));
    assertThat(all).isEqualTo(reference);
  }

  @Test
  void aLookupWithoutTheLockNeverHandsOutAnotherRefsSeriesWhileTheMapChanges() throws Exception {
    StripedSeries series = new StripedSeries(1);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> wrong = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              Random random = new Random(7);
              while (!stop.get()) {
                long ref = 1 + random.nextInt(4_000);
                MemSeries s = series.findForAppend(ref);
                if (s != null && s.ref != ref) {
                  wrong.set("asked for " + ref + ", got " + s.ref);
                }
              }
            });
    reader.start();
    // Grow (rehashes) and truncate (backward-shift removals) while the reader looks up.
    Map<Long, Labels> dead = new HashMap<>();
    for (long ref = 1; ref <= 4_000; ref++) {
      long r = ref;
      series.getOrCreate(
          Labels.of("__name__", "s" + ref), l -> new MemSeries(r, l), created -> {});
      if (ref % 500 == 0) {
        dead.putAll(series.removeIf(s -> s.ref % 3 == 0));
      }
    }
    stop.set(true);
    reader.join();

    assertThat(wrong.get()).isNull();
    assertThat(dead).isNotEmpty();
    assertThat(series.findForAppend(4_000)).isNotNull();
    assertThat(series.findForAppend(3)).isNull();
  }
}
