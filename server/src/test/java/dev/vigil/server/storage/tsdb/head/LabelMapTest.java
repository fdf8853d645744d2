package dev.vigil.server.storage.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelMapTest {

  @Test
  void behavesLikeAHashMapUnderRandomAddsAndRemovals() {
    Random random = new Random(7);
    LabelMap map = new LabelMap();
    Map<Labels, MemSeries> reference = new HashMap<>();
    long nextRef = 1;
    for (int round = 0; round < 200; round++) {
      for (int i = 0; i < 100; i++) {
        Labels l = Labels.of("__name__", "m" + random.nextInt(40), "i", "" + random.nextInt(100));
        if (!reference.containsKey(l)) {
          MemSeries s = new MemSeries(nextRef++, l);
          map.add(s);
          reference.put(l, s);
        }
      }
      int modulus = 2 + random.nextInt(5);
      int before = map.size();
      Set<Long> offered = new HashSet<>();
      map.removeIf(
          s -> {
            assertThat(offered.add(s.ref)).as("offered once").isTrue();
            return s.ref % modulus == 0;
          });
      reference.values().removeIf(s -> s.ref % modulus == 0);

      assertThat(map.size()).isEqualTo(reference.size());
      assertThat(offered).as("every series offered").hasSize(before);
      for (int i = 0; i < 40; i++) {
        Labels probe =
            Labels.of("__name__", "m" + random.nextInt(40), "i", "" + random.nextInt(100));
        assertThat(map.get(probe)).isSameAs(reference.get(probe));
      }
    }
  }

  @Test
  void findsASeriesByAnEqualLabelSetThatIsAnotherObject() {
    LabelMap map = new LabelMap();
    MemSeries s = new MemSeries(1, Labels.of("job", "api", "instance", "a:1"));
    map.add(s);

    assertThat(map.get(Labels.of("instance", "a:1", "job", "api"))).isSameAs(s);
    assertThat(map.get(Labels.of("instance", "a:2", "job", "api"))).isNull();
  }

  @Test
  void keepsEverySeriesThroughGrowth() {
    LabelMap map = new LabelMap();
    for (int i = 0; i < 10_000; i++) {
      map.add(new MemSeries(i + 1, Labels.of("i", Integer.toString(i))));
    }

    assertThat(map.size()).isEqualTo(10_000);
    for (int i = 0; i < 10_000; i += 37) {
      assertThat(map.get(Labels.of("i", Integer.toString(i))).ref).isEqualTo(i + 1);
    }
  }
}
