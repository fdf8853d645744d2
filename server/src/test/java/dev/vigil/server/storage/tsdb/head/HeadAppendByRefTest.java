package dev.vigil.server.storage.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SampleRejectedException;
import dev.vigil.server.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Appending by the ref the head hands out, as a scrape loop's series cache does. */
class HeadAppendByRefTest {

  private static final Labels A = Labels.of("__name__", "a", "job", "x");
  private static final Labels B = Labels.of("__name__", "b", "job", "x");

  private final Head head = new Head(HeadOptions.builder().minValidTime(0).build());

  @Test
  void aNewSeriesHasNoRefUntilItsBatchIsCommittedThenKeepsOne() {
    Appender first = head.appender();
    assertThat(first.append(Appender.NO_REF, A, 1000, 1)).isEqualTo(Appender.NO_REF);
    first.commit();

    Appender second = head.appender();
    long ref = second.append(Appender.NO_REF, A, 2000, 2);
    assertThat(ref).isNotEqualTo(Appender.NO_REF);
    assertThat(second.append(ref, A, 3000, 3)).isEqualTo(ref);
    second.commit();

    assertThat(samples(A)).containsExactly("1000=1.0", "2000=2.0", "3000=3.0");
  }

  @Test
  void aRefAppendsToItsSeriesEvenWhenItIsTheOnlyThingThatIdentifiesIt() {
    long refA = refOf(A);
    long refB = refOf(B);

    // The ref wins over the labels: a steady scrape passes the labels only for the fallback.
    Appender app = head.appender();
    app.append(refB, B, 2000, 20);
    app.append(refA, A, 2000, 10);
    app.commit();

    assertThat(samples(A)).containsExactly("1000=0.0", "2000=10.0");
    assertThat(samples(B)).containsExactly("1000=0.0", "2000=20.0");
  }

  @Test
  void aRefThatNoLongerResolvesFallsBackToTheLabels() {
    long stale = refOf(A);
    head.truncateBefore(5000); // drops A and its ref
    assertThat(head.hasSeries(stale)).isFalse();

    Appender app = head.appender();
    assertThat(app.append(stale, A, 6000, 6)).isEqualTo(Appender.NO_REF); // new series again
    assertThat(app.append(424242, B, 6000, 7)).isEqualTo(Appender.NO_REF); // never handed out
    app.commit();

    assertThat(samples(A)).containsExactly("6000=6.0");
    assertThat(samples(B)).containsExactly("6000=7.0");
    long fresh = refOf(A, 7000);
    assertThat(fresh).isNotEqualTo(stale);
  }

  @Test
  void checksSamplesAppendedByRefLikeAnyOther() {
    long ref = refOf(A);
    Appender app = head.appender();
    app.append(ref, A, 2000, 2);

    assertThatThrownBy(() -> app.append(ref, A, 1500, 1))
        .isInstanceOf(SampleRejectedException.class)
        .hasMessageContaining("out-of-order");
    assertThatThrownBy(() -> app.append(ref, A, 2000, 3))
        .isInstanceOf(SampleRejectedException.class)
        .hasMessageContaining("duplicate");
    assertThat(app.append(ref, A, 2000, 2)).isEqualTo(ref); // identical: dropped, ref kept
    app.commit();

    assertThat(samples(A)).containsExactly("1000=0.0", "2000=2.0");
  }

  @Test
  void refusesByRefAtOnceWhatTheStoredNewestSampleRules() {
    long ref = refOf(A); // stored: 1000=0.0
    Appender app = head.appender();

    assertThatThrownBy(() -> app.append(ref, A, 500, 1))
        .isInstanceOf(SampleRejectedException.class)
        .hasMessageContaining("out-of-order");
    assertThatThrownBy(() -> app.append(ref, A, 1000, 1))
        .isInstanceOf(SampleRejectedException.class)
        .hasMessageContaining("duplicate");
    assertThat(app.append(ref, A, 1000, 0)).isEqualTo(ref); // identical: dropped, ref kept
    assertThat(app.append(ref, A, 3000, 3)).isEqualTo(ref);
    app.commit();

    assertThat(samples(A)).containsExactly("1000=0.0", "3000=3.0");
  }

  /** Commits a first sample of {@code labels} at 1000 and returns the ref the head gives it. */
  private long refOf(Labels labels) {
    Appender app = head.appender();
    app.append(labels, 1000, 0);
    app.commit();
    return refOf(labels, 1000);
  }

  /** The ref of an existing series, read by appending its newest sample again (a no-op). */
  private long refOf(Labels labels, long lastTimestamp) {
    List<String> s = samples(labels);
    String last = s.get(s.size() - 1);
    Appender app = head.appender();
    long ref =
        app.append(
            Appender.NO_REF,
            labels,
            lastTimestamp,
            Double.parseDouble(last.substring(last.indexOf('=') + 1)));
    app.rollback();
    return ref;
  }

  private List<String> samples(Labels labels) {
    List<String> out = new ArrayList<>();
    try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set =
          q.select(
              false, List.of(LabelMatcher.equal(Labels.METRIC_NAME, labels.get(Labels.METRIC_NAME))));
      while (set.next()) {
        SampleIterator it = set.at().iterator();
        while (it.next()) {
          out.add(it.timestamp() + "=" + it.value());
        }
      }
    }
    return out;
  }
}
