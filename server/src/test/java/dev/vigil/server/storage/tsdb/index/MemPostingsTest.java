package dev.vigil.server.storage.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MemPostingsTest {

  private static final String[] NAMES = {"__name__", "job", "instance", "env", "code", "path"};
  private static final String[][] VALUES = {
    {"up", "http_requests_total", "http_request_duration_seconds", "process_cpu_seconds_total"},
    {"api", "db", "cache", "api-canary"},
    {"10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:9100"},
    {"prod", "staging"},
    {"200", "404", "500", "503"},
    {"/", "/api/v1/query", "/api/v1/series", "/metrics"},
  };
  private static final String[] REGEXES = {
    ".*",
    ".+",
    "",
    "api|db",
    "api.*",
    "10\\.0\\.0\\.[12]:8080",
    "5..",
    "|prod",
    "/api/.*",
    "http_.*_total",
    "a.*",
    "[0-9]+",
    "prod|staging|",
    "(?i)API",
  };

  @Test
  void selectsExactlyWhatBruteForceMatchingSelects() {
    Random random = new Random(20240607);
    Map<Long, Labels> corpus = corpus(random, 600);
    MemPostings index = new MemPostings();
    corpus.forEach(index::add);

    for (int round = 0; round < 2_000; round++) {
      List<LabelMatcher> matchers = randomMatchers(random);

      assertThat(Postings.toArray(PostingsForMatchers.select(index, matchers)))
          .as("%s", matchers)
          .containsExactly(bruteForce(corpus, matchers));
    }
  }

  @Test
  void forgetsDeletedSeriesEverywhere() {
    Random random = new Random(99);
    Map<Long, Labels> corpus = corpus(random, 300);
    MemPostings index = new MemPostings();
    corpus.forEach(index::add);
    Map<Long, Labels> dead = new HashMap<>();
    for (Long ref : List.copyOf(corpus.keySet())) {
      if (ref % 3 == 0) {
        dead.put(ref, corpus.remove(ref));
      }
    }
    Postings before = index.allPostings();

    index.delete(dead);

    assertThat(Postings.toArray(before)).hasSize(300);
    assertThat(index.size()).isEqualTo(300 - dead.size()).isEqualTo(corpus.size());
    for (int round = 0; round < 500; round++) {
      List<LabelMatcher> matchers = randomMatchers(random);
      assertThat(Postings.toArray(PostingsForMatchers.select(index, matchers)))
          .as("%s", matchers)
          .containsExactly(bruteForce(corpus, matchers));
    }
  }

  @Test
  void dropsNamesAndValuesNoSeriesUsesAnyMore() {
    MemPostings index = new MemPostings();
    index.add(1, Labels.of("__name__", "a", "only", "x"));
    index.add(2, Labels.of("__name__", "a", "job", "j"));

    index.delete(Map.of(1L, Labels.of("__name__", "a", "only", "x")));

    assertThat(index.labelNames()).containsExactly("__name__", "job");
    assertThat(index.labelValues("only")).isEmpty();
    assertThat(index.labelValues("__name__")).containsExactly("a");
  }

  @Test
  void listsNamesAndValuesSorted() {
    MemPostings index = new MemPostings();
    index.add(1, Labels.of("__name__", "b", "job", "z"));
    index.add(2, Labels.of("__name__", "a", "zone", "1"));
    index.add(3, Labels.of("__name__", "c", "job", "y"));

    assertThat(index.labelNames()).containsExactly("__name__", "job", "zone");
    assertThat(index.labelValues("__name__")).containsExactly("a", "b", "c");
    assertThat(index.labelValues("missing")).isEmpty();
  }

  @Test
  void keepsRefsSortedWhenTheyArriveOutOfOrder() {
    MemPostings index = new MemPostings();
    Postings early = null;
    for (long ref : new long[] {5, 1, 9, 3, 7}) {
      index.add(ref, Labels.of("job", "a"));
      if (ref == 9) {
        early = index.postings("job", "a");
      }
    }

    assertThat(Postings.toArray(index.postings("job", "a"))).containsExactly(1, 3, 5, 7, 9);
    assertThat(Postings.toArray(early)).containsExactly(1, 5, 9);
  }

  @Test
  void internReusesStoredStrings() {
    MemPostings index = new MemPostings();
    Labels stored = Labels.of("job", "api");
    index.add(1, stored);

    Labels fresh = index.intern(Labels.of(new String("job"), new String("api"), "new", "v"));

    assertThat(fresh.name(0)).isSameAs(stored.name(0));
    assertThat(fresh.value(0)).isSameAs(stored.value(0));
    assertThat((Object) fresh).isEqualTo(Labels.of("job", "api", "new", "v"));
  }

  @Test
  void internKeepsALabelSetThatHoldsNoCopies() {
    MemPostings index = new MemPostings();
    Labels stored = Labels.of("job", "api", "path", new String("/a"));
    index.add(1, stored);
    // Shares job's strings with the index and brings an interned value the index does not hold.
    Labels next = Labels.of("job", "api", "path", "/b");

    assertThat((Object) index.intern(next)).isSameAs(next);
  }

  @Test
  void internRebuildsALabelSetThatHoldsACopyAfterCanonicalLabels() {
    MemPostings index = new MemPostings();
    Labels stored = Labels.of("a", "1", "b", new String("2"));
    index.add(1, stored);

    Labels interned = index.intern(Labels.of("a", "1", "b", new String("2")));

    assertThat(interned.value(1)).isSameAs(stored.value(1));
    assertThat(interned.name(0)).isSameAs(stored.name(0));
    assertThat((Object) interned).isEqualTo(stored);
  }

  @Test
  void internGivesStringsNewToTheIndexTheirCanonicalInstance() {
    // As a head restored from the WAL sees them: decoded strings, none of them in the index yet.
    MemPostings index = new MemPostings();

    Labels restored = index.intern(Labels.of(new String("job"), new String("replayed")));

    assertThat(restored.name(0)).isSameAs("job");
    assertThat(restored.value(0)).isSameAs("replayed");
  }

  private static Map<Long, Labels> corpus(Random random, int n) {
    Map<Long, Labels> out = new LinkedHashMap<>();
    for (long ref = 0; ref < n; ref++) {
      Map<String, String> labels = new TreeMap<>();
      for (int i = 0; i < NAMES.length; i++) {
        if (i == 0 || random.nextInt(4) != 0) {
          labels.put(NAMES[i], VALUES[i][random.nextInt(VALUES[i].length)]);
        }
      }
      out.put(ref * 2 + 1, Labels.of(labels)); // gaps in refs, as after deletions
    }
    return out;
  }

  private static List<LabelMatcher> randomMatchers(Random random) {
    List<LabelMatcher> out = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      int nameIdx = random.nextInt(NAMES.length + 1);
      String name = nameIdx == NAMES.length ? "absent" : NAMES[nameIdx];
      LabelMatcher.Type type = LabelMatcher.Type.values()[random.nextInt(4)];
      String value;
      if (type == LabelMatcher.Type.REGEX || type == LabelMatcher.Type.NOT_REGEX) {
        value = REGEXES[random.nextInt(REGEXES.length)];
      } else if (nameIdx < NAMES.length && random.nextInt(5) != 0) {
        value = VALUES[nameIdx][random.nextInt(VALUES[nameIdx].length)];
      } else {
        value = random.nextBoolean() ? "" : "nope";
      }
      out.add(LabelMatcher.of(type, name, value));
    }
    return out;
  }

  private static long[] bruteForce(Map<Long, Labels> corpus, List<LabelMatcher> matchers) {
    return corpus.entrySet().stream()
        .filter(e -> matchers.stream().allMatch(m -> m.matches(e.getValue())))
        .mapToLong(Map.Entry::getKey)
        .sorted()
        .toArray();
  }
}
