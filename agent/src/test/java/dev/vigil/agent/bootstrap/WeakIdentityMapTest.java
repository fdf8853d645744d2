package dev.vigil.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

  private final WeakIdentityMap<String> map = new WeakIdentityMap<>();

  /** Equal to every other instance, as a driver's statement could be. */
  private static final class EqualToAll {
    @Override
    public boolean equals(Object other) {
      return other instanceof EqualToAll;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  @Test
  void keepsApartKeysThatAreEqualButNotTheSame() {
    EqualToAll first = new EqualToAll();
    EqualToAll second = new EqualToAll();

    map.put(first, "first");
    map.put(second, "second");

    assertThat(map.get(first)).isEqualTo("first");
    assertThat(map.get(second)).isEqualTo("second");
    assertThat(map.get(new EqualToAll())).isNull();
  }

  @Test
  void findsKeysWithAReusedProbeThatKeepsNoKey() throws Exception {
    EqualToAll first = new EqualToAll();
    EqualToAll second = new EqualToAll();
    map.put(first, "first");
    map.put(second, "second");
    WeakIdentityMap.Probe probe = new WeakIdentityMap.Probe();

    assertThat(map.get(first, probe)).isEqualTo("first");
    assertThat(map.get(second, probe)).isEqualTo("second");
    assertThat(map.get(new EqualToAll(), probe)).isNull();
    var key = WeakIdentityMap.Probe.class.getDeclaredField("key");
    key.setAccessible(true);
    assertThat(key.get(probe)).as("the probe must not keep a statement reachable").isNull();
  }

  @Test
  void replacesTheValueOfAKeyPutAgain() {
    Object key = new Object();

    map.put(key, "old");
    map.put(key, "new");

    assertThat(map.get(key)).isEqualTo("new");
    assertThat(map.size()).isEqualTo(1);
  }

  @Test
  void dropsTheEntriesOfCollectedKeys() {
    Object kept = new Object();
    map.put(kept, "kept");
    for (int i = 0; i < 100; i++) {
      map.put(new Object(), "garbage " + i);
    }

    // The collector clears weak references when it gets to it; ask until it has (in practice at
    // the first System.gc()), bounded so that a JVM ignoring the request fails the test, not hangs.
    List<Integer> sizes = new ArrayList<>();
    for (int attempt = 0; attempt < 50 && map.size() > 1; attempt++) {
      System.gc();
      sizes.add(map.size());
    }

    assertThat(map.size()).as("sizes after each GC: %s", sizes).isEqualTo(1);
    assertThat(map.get(kept)).isEqualTo("kept");
  }
}
