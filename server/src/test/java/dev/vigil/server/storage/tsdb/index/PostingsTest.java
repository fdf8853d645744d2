package dev.vigil.server.storage.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PostingsTest {

  @Test
  void intersectKeepsOnlyCommonRefs() {
    Postings p =
        Postings.intersect(
            List.of(Postings.of(1, 3, 5, 7, 9), Postings.of(2, 3, 4, 9, 10), Postings.of(3, 9)));

    assertThat(Postings.toArray(p)).containsExactly(3, 9);
  }

  @Test
  void intersectOfDisjointOrEmptyInputsIsEmpty() {
    assertThat(Postings.toArray(Postings.intersect(List.of(Postings.of(1, 2), Postings.of(3, 4)))))
        .isEmpty();
    assertThat(Postings.toArray(Postings.intersect(List.of(Postings.of(1, 2), Postings.empty()))))
        .isEmpty();
    assertThat(Postings.toArray(Postings.intersect(List.of()))).isEmpty();
  }

  @Test
  void intersectOfOneInputIsThatInput() {
    assertThat(Postings.toArray(Postings.intersect(List.of(Postings.of(4, 8)))))
        .containsExactly(4, 8);
  }

  @Test
  void mergeYieldsEachRefOnceInOrder() {
    Postings p =
        Postings.merge(
            List.of(Postings.of(1, 5, 9), Postings.of(2, 5, 10), Postings.empty(), Postings.of(5)));

    assertThat(Postings.toArray(p)).containsExactly(1, 2, 5, 9, 10);
  }

  @Test
  void mergeOfNothingIsEmpty() {
    assertThat(Postings.toArray(Postings.merge(List.of()))).isEmpty();
    assertThat(Postings.toArray(Postings.merge(List.of(Postings.empty(), Postings.empty()))))
        .isEmpty();
  }

  @Test
  void withoutSubtractsRefs() {
    assertThat(
            Postings.toArray(Postings.without(Postings.of(1, 2, 3, 4, 5), Postings.of(0, 2, 3, 6))))
        .containsExactly(1, 4, 5);
    assertThat(Postings.toArray(Postings.without(Postings.of(1, 2), Postings.empty())))
        .containsExactly(1, 2);
    assertThat(Postings.toArray(Postings.without(Postings.empty(), Postings.of(1)))).isEmpty();
    assertThat(Postings.toArray(Postings.without(Postings.of(1, 2), Postings.of(1, 2)))).isEmpty();
  }

  @Test
  void seekMovesToFirstRefAtOrAfterTargetAndStaysPut() {
    for (Postings p : combinatorsOver(10, 20, 30, 40)) {
      assertThat(p.seek(15)).isTrue();
      assertThat(p.at()).isEqualTo(20);
      assertThat(p.seek(5)).isTrue();
      assertThat(p.at()).isEqualTo(20);
      assertThat(p.seek(20)).isTrue();
      assertThat(p.at()).isEqualTo(20);
      assertThat(p.next()).isTrue();
      assertThat(p.at()).isEqualTo(30);
      assertThat(p.seek(41)).isFalse();
      assertThat(p.next()).isFalse();
    }
  }

  @Test
  void seekBeforeTheFirstNextStartsTheIteration() {
    for (Postings p : combinatorsOver(10, 20)) {
      assertThat(p.seek(0)).isTrue();
      assertThat(p.at()).isEqualTo(10);
      assertThat(p.next()).isTrue();
      assertThat(p.at()).isEqualTo(20);
    }
  }

  @Test
  void rejectsUnsortedRefs() {
    assertThatThrownBy(() -> Postings.of(1, 3, 3))
        .hasMessageContaining("not strictly increasing at index 2");
  }

  @Test
  void combinatorsAgreeWithSetAlgebraOnRandomInputs() {
    Random random = new Random(1234);
    for (int round = 0; round < 300; round++) {
      List<TreeSet<Long>> sets = new ArrayList<>();
      int n = 1 + random.nextInt(5);
      for (int i = 0; i < n; i++) {
        TreeSet<Long> s = new TreeSet<>();
        int size = random.nextInt(40);
        int range = 1 + random.nextInt(100);
        for (int j = 0; j < size; j++) {
          s.add((long) random.nextInt(range));
        }
        sets.add(s);
      }
      TreeSet<Long> inter = new TreeSet<>(sets.get(0));
      TreeSet<Long> union = new TreeSet<>();
      for (TreeSet<Long> s : sets) {
        inter.retainAll(s);
        union.addAll(s);
      }
      TreeSet<Long> diff = new TreeSet<>(sets.get(0));
      diff.removeAll(sets.get(n - 1));

      assertThat(Postings.toArray(Postings.intersect(postingsOf(sets))))
          .containsExactly(toArray(inter));
      assertThat(Postings.toArray(Postings.merge(postingsOf(sets))))
          .containsExactly(toArray(union));
      assertThat(
              Postings.toArray(
                  Postings.without(postingsOf(sets.get(0)), postingsOf(sets.get(n - 1)))))
          .containsExactly(toArray(diff));

      long target = random.nextInt(110);
      Postings merged = Postings.merge(postingsOf(sets));
      Long expected = union.ceiling(target);
      assertThat(merged.seek(target)).isEqualTo(expected != null);
      if (expected != null) {
        assertThat(merged.at()).isEqualTo(expected);
      }
      Postings intersected = Postings.intersect(postingsOf(sets));
      Long expectedInter = inter.ceiling(target);
      assertThat(intersected.seek(target)).isEqualTo(expectedInter != null);
      if (expectedInter != null) {
        assertThat(intersected.at()).isEqualTo(expectedInter);
      }
    }
  }

  private static List<Postings> combinatorsOver(long... refs) {
    long[] shifted = LongStream.of(refs).map(r -> r + 1).toArray();
    return List.of(
        Postings.of(refs),
        Postings.intersect(
            List.of(
                Postings.of(refs),
                Postings.of(
                    LongStream.concat(LongStream.of(refs), LongStream.of(99)).sorted().toArray()))),
        Postings.merge(List.of(Postings.of(refs), Postings.of(refs[0]))),
        Postings.without(
            Postings.of(
                LongStream.concat(LongStream.of(refs), LongStream.of(shifted)).sorted().toArray()),
            Postings.of(shifted)));
  }

  private static List<Postings> postingsOf(List<TreeSet<Long>> sets) {
    List<Postings> out = new ArrayList<>();
    for (TreeSet<Long> s : sets) {
      out.add(postingsOf(s));
    }
    return out;
  }

  private static Postings postingsOf(TreeSet<Long> s) {
    return Postings.of(toArray(s));
  }

  private static long[] toArray(TreeSet<Long> s) {
    return s.stream().mapToLong(Long::longValue).toArray();
  }
}
