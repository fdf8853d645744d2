package dev.vigil.server.storage.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.tsdb.head.Head;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeQuerierTest {

  private static final Labels A = Labels.of("__name__", "up", "job", "a");
  private static final Labels B = Labels.of("__name__", "up", "job", "b");
  private static final Labels C = Labels.of("__name__", "up", "job", "c", "zone", "eu");
  private static final List<LabelMatcher> UP = List.of(LabelMatcher.equal("__name__", "up"));

  @Test
  void mergesSeriesByLabelsInSortedOrderAndInterleavesTheirSamples() {
    Head first = head(A, 1000, 1, 3000, 3);
    append(first, C, 1000, 7);
    Head second = head(A, 2000, 2, 4000, 4);
    append(second, B, 1000, 5);

    try (Querier q = merged(first, second)) {
      assertThat(samples(q))
          .containsExactly(
              Map.entry(A, "1000=1.0 2000=2.0 3000=3.0 4000=4.0"),
              Map.entry(B, "1000=5.0"),
              Map.entry(C, "1000=7.0"));
      assertThat(q.labelNames(List.of())).containsExactly("__name__", "job", "zone");
      assertThat(q.labelValues("job", List.of())).containsExactly("a", "b", "c");
    }
  }

  @Test
  void keepsOneSampleWhereInputsShareATimestampPreferringTheFirstInput() {
    Head first = head(A, 1000, 1, 2000, 20, 3000, 3);
    Head second = head(A, 1000, 1, 2000, 99, 2500, 25);

    try (Querier q = merged(first, second)) {
      assertThat(samples(q)).containsExactly(Map.entry(A, "1000=1.0 2000=20.0 2500=25.0 3000=3.0"));
    }
  }

  @Test
  void seeksAcrossInputs() {
    Head first = head(A, 1000, 1, 5000, 5);
    Head second = head(A, 2000, 2, 3000, 3, 6000, 6);

    try (Querier q = merged(first, second)) {
      SeriesSet set = q.select(false, UP);
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator();
      assertThat(it.seek(2500)).isTrue();
      assertThat(it.timestamp()).isEqualTo(3000);
      assertThat(it.seek(100)).isTrue(); // never goes back
      assertThat(it.timestamp()).isEqualTo(3000);
      assertThat(it.next()).isTrue();
      assertThat(it.timestamp()).isEqualTo(5000);
      assertThat(it.seek(5500)).isTrue();
      assertThat(it.value()).isEqualTo(6.0);
      assertThat(it.next()).isFalse();
      assertThat(it.seek(0)).isFalse();
    }
  }

  private static Querier merged(Head... heads) {
    return new MergeQuerier(
        java.util.Arrays.stream(heads).map(h -> h.querier(0, Long.MAX_VALUE)).toList());
  }

  private static Head head(Labels l, double... tv) {
    Head h = new Head();
    append(h, l, tv);
    return h;
  }

  private static void append(Head h, Labels l, double... tv) {
    Appender app = h.appender();
    for (int i = 0; i < tv.length; i += 2) {
      app.append(l, (long) tv[i], tv[i + 1]);
    }
    app.commit();
  }

  private static List<Map.Entry<Labels, String>> samples(Querier q) {
    List<Map.Entry<Labels, String>> out = new java.util.ArrayList<>();
    SeriesSet set = q.select(false, UP);
    while (set.next()) {
      StringBuilder sb = new StringBuilder();
      SampleIterator it = set.at().iterator();
      while (it.next()) {
        sb.append(sb.isEmpty() ? "" : " ").append(it.timestamp()).append('=').append(it.value());
      }
      out.add(Map.entry(set.at().labels(), sb.toString()));
    }
    return out;
  }
}
