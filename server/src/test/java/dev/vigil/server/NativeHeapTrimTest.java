package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vigil.server.telemetry.TelemetryRegistry;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NativeHeapTrimTest {

  private final TelemetryRegistry registry = new TelemetryRegistry();

  @Test
  void trimsThisJvmsNativeHeapAndCountsIt() {
    // The real command in the test JVM (through the platform MBean server: surefire does not
    // start us with the jar's Add-Opens).
    NativeHeapTrim trim = new NativeHeapTrim(registry);

    boolean done = trim.trim();

    assumeThat(trim.unavailable())
        .as("this JVM or libc cannot trim (see the log line); nothing else to check")
        .isFalse();
    assertThat(done).isTrue();
    assertThat(value("vigil_jvm_native_heap_trims_total")).isEqualTo(1);
    assertThat(value("vigil_jvm_native_heap_trim_duration_seconds_count")).isEqualTo(1);
    assertThat(value("vigil_jvm_native_heap_trim_duration_seconds_sum")).isPositive();
    assertThat(value("vigil_jvm_native_heap_trim_released_bytes_total")).isNotNegative();
  }

  @Test
  void addsUpTheBytesEachTrimReleased() {
    Queue<String> answers =
        new ArrayDeque<>(
            List.of(
                "Trim native heap: RSS+Swap: 83980K->71760K (-12220K)",
                "Trim native heap: RSS+Swap: 74480K->72688K (-1792K)",
                "Trim native heap: RSS+Swap: 72688K->72692K (+4096B)"));
    NativeHeapTrim trim = new NativeHeapTrim(registry, answers::remove);

    for (int i = 0; i < 3; i++) {
      assertThat(trim.trim()).isTrue();
    }

    assertThat(value("vigil_jvm_native_heap_trims_total")).isEqualTo(3);
    assertThat(value("vigil_jvm_native_heap_trim_released_bytes_total"))
        .isEqualTo((12220 + 1792) * 1024.0);
  }

  @Test
  void stopsAskingALibcThatCannotTrim() {
    int[] calls = {0};
    NativeHeapTrim trim =
        new NativeHeapTrim(
            registry,
            () -> {
              calls[0]++;
              return "Not available.\n";
            });

    assertThat(trim.trim()).isFalse();
    assertThat(trim.trim()).isFalse();

    assertThat(calls[0]).isEqualTo(1);
    assertThat(trim.unavailable()).isTrue();
    assertThat(value("vigil_jvm_native_heap_trims_total")).isZero();
  }

  @Test
  void stopsAskingAJvmWithoutTheCommand() {
    int[] calls = {0};
    NativeHeapTrim trim =
        new NativeHeapTrim(
            registry,
            () -> {
              calls[0]++;
              // What the MBean answers for an operation it does not have.
              throw new javax.management.ReflectionException(
                  new NoSuchMethodException(NativeHeapTrim.OPERATION), "No such operation");
            });

    assertThat(trim.trim()).isFalse();
    assertThat(trim.trim()).isFalse();

    assertThat(calls[0]).isEqualTo(1);
  }

  @Test
  void countsATrimWhoseOutputHasNoFigures() {
    NativeHeapTrim trim =
        new NativeHeapTrim(registry, () -> "Trim native heap: (no details available).");

    assertThat(trim.trim()).isTrue();

    assertThat(value("vigil_jvm_native_heap_trims_total")).isEqualTo(1);
    assertThat(value("vigil_jvm_native_heap_trim_released_bytes_total")).isZero();
  }

  private double value(String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(registry.exposition());
    assertThat(m.find()).as("%s in%n%s", name, registry.exposition()).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
