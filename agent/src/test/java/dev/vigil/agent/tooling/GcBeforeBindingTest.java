package dev.vigil.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class GcBeforeBindingTest {

  @Test
  void describesEachCollectorsCountAndTimeAndTheirTotals() {
    GcBeforeBinding before =
        GcBeforeBinding.read(
            List.of(new Collector("G1 Young Generation", 3, 21), new Collector("G1 Old", 1, 40)));

    assertThat(before.collections()).isEqualTo(4);
    assertThat(before.describe())
        .isEqualTo(
            "4 collections (61 ms) before the GC listeners were bound, not in"
                + " jvm_gc_pause_seconds: G1 Young Generation 3 (21 ms), G1 Old 1 (40 ms)");
  }

  @Test
  void countsUndefinedFiguresAsNone() {
    GcBeforeBinding before = GcBeforeBinding.read(List.of(new Collector("Epsilon", -1, -1)));

    assertThat(before.describe())
        .isEqualTo(
            "0 collections (0 ms) before the GC listeners were bound, not in"
                + " jvm_gc_pause_seconds: Epsilon 0 (0 ms)");
  }

  @Test
  void saysSoWhenNoCollectorReports() {
    assertThat(GcBeforeBinding.read(List.of()).describe())
        .endsWith("not in jvm_gc_pause_seconds: no collector reported");
  }

  @Test
  void readsTheCollectionsThisJvmHasDone() {
    System.gc();

    GcBeforeBinding before = GcBeforeBinding.read(ManagementFactory.getGarbageCollectorMXBeans());

    // Counts only grow, so the explicit collection above is in whatever is read after it.
    assertThat(before.collections()).isPositive();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      assertThat(before.describe()).contains(collector.getName() + " ");
    }
  }

  /** A collector reporting fixed figures, as a JVM's would at one moment. */
  private static final class Collector implements GarbageCollectorMXBean {
    private final String name;
    private final long count;
    private final long millis;

    Collector(String name, long count, long millis) {
      this.name = name;
      this.count = count;
      this.millis = millis;
    }

    @Override
    public long getCollectionCount() {
      return count;
    }

    @Override
    public long getCollectionTime() {
      return millis;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isValid() {
      return true;
    }

    @Override
    public String[] getMemoryPoolNames() {
      return new String[0];
    }

    @Override
    public ObjectName getObjectName() {
      return null;
    }
  }
}
