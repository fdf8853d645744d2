package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.VMOption;
import com.sun.management.VMOption.Origin;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeapFootprintTest {

  /** A JVM as `java -jar` on a large machine starts it: G1 and a heap picked by ergonomics. */
  private final Map<String, VMOption> vm = new HashMap<>();

  HeapFootprintTest() {
    put("UseG1GC", "true", Origin.ERGONOMIC);
    put("UseSerialGC", "false", Origin.DEFAULT);
    put("InitialHeapSize", "398458880", Origin.ERGONOMIC);
    put("MaxHeapSize", "6320816128", Origin.ERGONOMIC);
    put("MinHeapSize", "8388608", Origin.ERGONOMIC);
    put("MaxHeapFreeRatio", "70", Origin.DEFAULT);
    put("MinHeapFreeRatio", "40", Origin.DEFAULT);
    put("G1PeriodicGCInterval", "0", Origin.DEFAULT);
  }

  private void put(String name, String value, Origin origin) {
    vm.put(name, new VMOption(name, value, true, origin));
  }

  private Function<String, Optional<VMOption>> options() {
    return name -> Optional.ofNullable(vm.get(name));
  }

  @Test
  void tunesAJvmStartedWithoutHeapOrGcFlags() {
    HeapFootprint.Decision d = HeapFootprint.decide(options(), null, null);

    assertThat(d.apply()).isTrue();
    assertThat(d.reason()).isEqualTo("no heap or GC flags given");
  }

  @ParameterizedTest
  @ValueSource(strings = {"InitialHeapSize", "MaxHeapSize", "MinHeapSize", "UseG1GC"})
  void keepsTheJvmsChoiceWhenTheUserSetAHeapOrGcFlag(String flag) {
    put(flag, vm.get(flag).getValue(), Origin.VM_CREATION);

    HeapFootprint.Decision d = HeapFootprint.decide(options(), null, null);

    assertThat(d.apply()).isFalse();
    assertThat(d.reason()).isEqualTo("heap/GC flags given: " + flag);
  }

  @Test
  void countsFlagsFromJavaToolOptionsAndJcmdAsTheUsers() {
    put("MaxRAMPercentage", "50.0", Origin.ENVIRON_VAR);
    put("MaxHeapFreeRatio", "50", Origin.MANAGEMENT);

    HeapFootprint.Decision d = HeapFootprint.decide(options(), null, null);

    assertThat(d.apply()).isFalse();
    assertThat(d.reason()).isEqualTo("heap/GC flags given: MaxRAMPercentage, MaxHeapFreeRatio");
  }

  @Test
  void leavesOtherCollectorsAlone() {
    put("UseG1GC", "false", Origin.DEFAULT);
    put("UseSerialGC", "true", Origin.ERGONOMIC); // what a JVM picks on 1 CPU or < 1792 MB

    HeapFootprint.Decision d = HeapFootprint.decide(options(), null, null);

    assertThat(d.apply()).isFalse();
    assertThat(d.reason()).isEqualTo("the JVM did not pick G1");
  }

  @Test
  void ignoresOptionsThisJvmDoesNotHave() {
    // e.g. a build without Shenandoah: the lookup finds nothing, which is not a user choice.
    assertThat(vm).doesNotContainKey("UseShenandoahGC");

    assertThat(HeapFootprint.decide(options(), null, null).apply()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "off", "0", "no", " FALSE "})
  void isTurnedOffByTheEnvironmentVariable(String value) {
    HeapFootprint.Decision d = HeapFootprint.decide(options(), null, value);

    assertThat(d.apply()).isFalse();
    assertThat(d.reason()).isEqualTo("VIGIL_JVM_LEAN=" + value);
  }

  @Test
  void isTurnedOffByTheSystemPropertyBeforeTheEnvironmentIsRead() {
    HeapFootprint.Decision d = HeapFootprint.decide(options(), "false", "true");

    assertThat(d.apply()).isFalse();
    assertThat(d.reason()).isEqualTo("-Dvigil.jvm.lean=false");
  }

  @Test
  void staysOnForAnyOtherValueOfTheSwitches() {
    assertThat(HeapFootprint.decide(options(), "true", "yes").apply()).isTrue();
  }

  @Test
  void lowersTheMinimumFreeRatioFirstAndBothBelowTheJvmDefaults() {
    // The JVM checks MinHeapFreeRatio <= MaxHeapFreeRatio on every change: lowering the
    // minimum first keeps each step valid whatever the new maximum.
    assertThat(HeapFootprint.OPTIONS.keySet())
        .containsExactly("MinHeapFreeRatio", "MaxHeapFreeRatio", "G1PeriodicGCInterval");
    int min = Integer.parseInt(HeapFootprint.OPTIONS.get("MinHeapFreeRatio"));
    int max = Integer.parseInt(HeapFootprint.OPTIONS.get("MaxHeapFreeRatio"));
    assertThat(min).isLessThan(40).isLessThanOrEqualTo(max);
    assertThat(max).isLessThan(70);
  }
}
