package dev.vigil.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps a server started as plain {@code java -jar} (no heap or GC flags) from holding the JVM's
 * default heap headroom: lowers G1's free-ratio bounds through the manageable VM options; {@link
 * HeapTrimmer} then trims the heap once the store is open and whenever it grew far past the data.
 *
 * <p>Why at run time and not with flags: users and reviewers run the jar without flags, and a JAR
 * cannot carry JVM options; re-executing the JVM with other flags would orphan the child (and
 * the data-directory lock) when the parent is killed with {@code kill -9}.
 */
final class HeapFootprint {

  /** {@code -Dvigil.jvm.lean=false} keeps the JVM's defaults. */
  static final String DISABLE_PROPERTY = "vigil.jvm.lean";

  /** {@code VIGIL_JVM_LEAN=false} keeps the JVM's defaults. */
  static final String DISABLE_ENV = "VIGIL_JVM_LEAN";

  /**
   * Options that, when the user set them (command line, {@code JAVA_TOOL_OPTIONS}, a flags file,
   * jcmd), mean the heap is theirs to size: we then change nothing.
   */
  private static final List<String> USER_CHOICE_FLAGS =
      List.of(
          "InitialHeapSize",
          "MinHeapSize",
          "MaxHeapSize",
          "InitialRAMPercentage",
          "MinRAMPercentage",
          "MaxRAMPercentage",
          "MaxRAM",
          "SoftMaxHeapSize",
          "MinHeapFreeRatio",
          "MaxHeapFreeRatio",
          "G1PeriodicGCInterval",
          "UseG1GC",
          "UseSerialGC",
          "UseParallelGC",
          "UseZGC",
          "UseShenandoahGC",
          "UseEpsilonGC");

  /**
   * What we set, in this order (the JVM checks MinHeapFreeRatio <= MaxHeapFreeRatio on each
   * change, so the minimum goes down first). One row per option; see docs/decisions.md.
   */
  static final Map<String, String> OPTIONS = options();

  private static Map<String, String> options() {
    Map<String, String> m = new LinkedHashMap<>();
    // After a collection that resizes (full GC, and G1's Remark), grow when less than 20 % is
    // free and shrink when more than 50 % is: the default 40/70 lets a heap stay 3.3x the data.
    // 10/30 measured a smaller heap but, at 20k series, more young collections and concurrent
    // cycles (GC CPU 1.55 s vs 0.94-1.12 s per 5 min) for no lower RSS (G1 grew it back more
    // often: peak 263 vs 192-256 MiB, final 158 vs 162-165); see docs/performance.md.
    m.put("MinHeapFreeRatio", "20");
    m.put("MaxHeapFreeRatio", "50");
    // A heap with no collection for a minute (an idle server) gets a concurrent cycle, whose
    // Remark gives the free regions back to the OS.
    m.put("G1PeriodicGCInterval", "60000");
    return m;
  }

  private HeapFootprint() {}

  /** The outcome: whether to tune, and a sentence for the log saying why or why not. */
  record Decision(boolean apply, String reason) {}

  /**
   * Decides from the VM's options (by name; empty when this VM has no such option), the
   * {@value #DISABLE_PROPERTY} system property and the {@value #DISABLE_ENV} variable.
   */
  static Decision decide(
      Function<String, Optional<VMOption>> vmOptions, String property, String env) {
    if (isOff(property)) {
      return new Decision(false, "-D" + DISABLE_PROPERTY + "=" + property);
    }
    if (isOff(env)) {
      return new Decision(false, DISABLE_ENV + "=" + env);
    }
    List<String> chosen = new ArrayList<>();
    for (String name : USER_CHOICE_FLAGS) {
      vmOptions.apply(name).filter(HeapFootprint::setByUser).ifPresent(o -> chosen.add(name));
    }
    if (!chosen.isEmpty()) {
      return new Decision(false, "heap/GC flags given: " + String.join(", ", chosen));
    }
    boolean g1 = vmOptions.apply("UseG1GC").map(o -> o.getValue().equals("true")).orElse(false);
    if (!g1) {
      return new Decision(false, "the JVM did not pick G1");
    }
    return new Decision(true, "no heap or GC flags given");
  }

  /** What {@link #configure} did: whether the options were set, and the log sentence. */
  record Outcome(boolean applied, String message) {}

  /**
   * Sets {@link #OPTIONS} when {@link #decide} says so; call before the store opens so that the
   * WAL replay's collections already follow them.
   */
  static Outcome configure() {
    HotSpotDiagnosticMXBean vm;
    try {
      vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    } catch (RuntimeException | LinkageError e) {
      return new Outcome(false, "JVM heap left as is: no HotSpot diagnostic bean (" + e + ")");
    }
    if (vm == null) {
      return new Outcome(false, "JVM heap left as is: not a HotSpot JVM");
    }
    Decision d =
        decide(
            name -> lookup(vm, name),
            System.getProperty(DISABLE_PROPERTY),
            System.getenv(DISABLE_ENV));
    if (!d.apply()) {
      return new Outcome(false, "JVM heap left as configured (" + d.reason() + ")");
    }
    StringBuilder set = new StringBuilder();
    for (Map.Entry<String, String> e : OPTIONS.entrySet()) {
      try {
        vm.setVMOption(e.getKey(), e.getValue());
        set.append(set.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
      } catch (RuntimeException ex) {
        // A JVM without this manageable option (another vendor or version) keeps its default;
        // the others still help.
        set.append(set.length() == 0 ? "" : " ").append(e.getKey()).append(" not settable");
      }
    }
    return new Outcome(true, set.toString());
  }

  private static Optional<VMOption> lookup(HotSpotDiagnosticMXBean vm, String name) {
    try {
      return Optional.of(vm.getVMOption(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // This JVM has no such option (e.g. no Shenandoah in the build).
    }
  }

  private static boolean isOff(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("false") || v.equals("off") || v.equals("0") || v.equals("no");
  }

  private static boolean setByUser(VMOption o) {
    return switch (o.getOrigin()) {
      case DEFAULT, ERGONOMIC -> false;
      default -> true;
    };
  }
}
