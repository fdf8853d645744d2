package dev.vigil.server.storage.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SampleRejectedException.Reason;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.StaleNaN;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadCommitLogTest {

  private static final Labels A = Labels.of("__name__", "up", "job", "a");
  private static final Labels B = Labels.of("__name__", "up", "job", "b");

  /** What a WAL would hold: series records and sample records, in log order. */
  private final List<Object[]> log = new ArrayList<>();

  private final CommitLog recording =
      batch -> {
        for (int i = 0; i < batch.seriesCount(); i++) {
          log.add(new Object[] {"series", batch.seriesRef(i), batch.seriesLabels(i)});
        }
        for (int i = 0; i < batch.sampleCount(); i++) {
          log.add(new Object[] {"sample", batch.sampleRef(i), batch.timestamp(i), batch.value(i)});
        }
      };

  @Test
  void logsEachSeriesOnceBeforeItsSamples() {
    Head head = new Head(HeadOptions.defaults(), recording);
    commit(head, A, 1000, 1, B, 1000, 2, A, 2000, 3);
    commit(head, A, 3000, 4);

    assertThat(log)
        .extracting(r -> r[0])
        .containsExactly("series", "series", "sample", "sample", "sample", "sample");
    assertThat(log.get(0)[2]).isEqualTo(A);
    assertThat(log.get(1)[2]).isEqualTo(B);
    long refA = (long) log.get(0)[1];
    assertThat(log.get(2)).containsExactly("sample", refA, 1000L, 1.0);
    assertThat(log.get(5)).containsExactly("sample", refA, 3000L, 4.0);
  }

  @Test
  void appliesNothingWhenTheLogFails() {
    boolean[] failing = {true};
    Head head =
        new Head(
            HeadOptions.defaults(),
            batch -> {
              if (failing[0]) {
                throw new UncheckedIOException(new IOException("disk full"));
              }
              recording.log(batch);
            });

    assertThatThrownBy(() -> commit(head, A, 1000, 1)).hasMessageContaining("disk full");
    assertThat(read(head)).isEmpty();
    assertThat(head.stats().samplesAppended()).isZero();

    failing[0] = false;
    commit(head, A, 1000, 1);
    assertThat(log).extracting(r -> r[0]).containsExactly("series", "sample");
    assertThat(read(head)).containsEntry(A, List.of("1000:3ff0000000000000"));
  }

  @Test
  void replayRebuildsTheSameContentsFromTheLog() {
    Head original = new Head(HeadOptions.builder().samplesPerChunk(3).build(), recording);
    for (int k = 0; k < 10; k++) {
      commit(original, A, k * 1000L, k, B, k * 1000L + 7, k == 9 ? StaleNaN.VALUE : -k);
    }

    Head replayed = new Head(HeadOptions.builder().samplesPerChunk(3).build());
    for (Object[] r : log) {
      if (r[0].equals("series")) {
        assertThat(replayed.restoreSeries((long) r[1], (Labels) r[2])).isEqualTo(r[1]);
      } else {
        assertThat(replayed.restoreSample((long) r[1], (long) r[2], (double) r[3])).isTrue();
      }
    }

    assertThat(read(replayed)).isEqualTo(read(original));
    assertThat(replayed.stats().samplesAppended()).isEqualTo(20);
    commit(replayed, Labels.of("__name__", "new"), 1, 1);
    assertThat(replayed.stats().series()).isEqualTo(3);
  }

  @Test
  void mapsARepeatedSeriesRecordToTheRefAlreadyRestored() {
    Head head = new Head();
    head.restoreSeries(5, A);

    assertThat(head.restoreSeries(5, A)).isEqualTo(5);
    assertThat(head.restoreSeries(9, A)).isEqualTo(5);
    assertThatThrownBy(() -> head.restoreSeries(5, B))
        .hasMessageContaining("series ref 5 already holds");
  }

  @Test
  void refusesReplayedSamplesItWouldRefuseLive() {
    Head head = new Head(HeadOptions.builder().minValidTime(100).build());
    head.restoreSeries(1, A);

    assertThat(head.restoreSample(1, 50, 1)).isFalse();
    assertThat(head.restoreSample(1, 200, 1)).isTrue();
    assertThat(head.restoreSample(1, 150, 1)).isFalse();
    assertThat(head.restoreSample(42, 300, 1)).isFalse();
    assertThat(head.stats().rejected(Reason.TOO_OLD)).isEqualTo(1);
    assertThat(head.stats().rejected(Reason.OUT_OF_ORDER)).isEqualTo(1);
  }

  /** Appends (labels, t, v) triples in one batch and commits. */
  private static void commit(Head head, Object... triples) {
    Appender app = head.appender();
    for (int i = 0; i < triples.length; i += 3) {
      app.append(
          (Labels) triples[i],
          ((Number) triples[i + 1]).longValue(),
          ((Number) triples[i + 2]).doubleValue());
    }
    app.commit();
  }

  private static Map<Labels, List<String>> read(Head head) {
    Map<Labels, List<String>> out = new LinkedHashMap<>();
    try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set =
          q.select(true, List.of(LabelMatcher.of(LabelMatcher.Type.REGEX, "__name__", ".+")));
      while (set.next()) {
        List<String> samples = new ArrayList<>();
        SampleIterator it = set.at().iterator();
        while (it.next()) {
          samples.add(
              it.timestamp() + ":" + Long.toHexString(Double.doubleToRawLongBits(it.value())));
        }
        out.put(set.at().labels(), samples);
      }
    }
    return out;
  }
}
