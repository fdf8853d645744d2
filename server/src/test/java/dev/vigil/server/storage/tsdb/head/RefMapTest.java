package dev.vigil.server.storage.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
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
    }
    assertThat(map.size()).isEqualTo(reference.size());
    Map<Long, MemSeries> all = new HashMap<>();
    map.forEach(s -> all.put(s.ref, s));
    assertThat(all).isEqualTo(reference);
  }
}
