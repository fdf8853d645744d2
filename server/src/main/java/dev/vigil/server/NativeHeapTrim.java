package dev.vigil.server;

import dev.vigil.server.telemetry.Counter;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.atomic.DoubleAdder;
import javax.management.DynamicMBean;
import javax.management.ObjectName;

/**
 * Returns the memory glibc's malloc keeps free to the OS by running the JVM's {@code
 * System.trim_native_heap} diagnostic command from inside the process, and counts the trims and
 * the bytes they gave back under {@code vigil_jvm_native_heap_*}. Used by {@link HeapTrimmer}'s one
 * thread only.
 *
 * <p>A JVM without the command (older JDK 17 updates, other vendors) or a libc that cannot trim
 * (musl answers {@code Not available.}) gets one log line and is not asked again.
 */
final class NativeHeapTrim {

  private static final Logger logger = System.getLogger(NativeHeapTrim.class.getName());

  /** The DiagnosticCommand MBean's operation for {@code jcmd <pid> System.trim_native_heap}. */
  static final String OPERATION = "systemTrimNativeHeap";

  private static final String BEAN_NAME = "com.sun.management:type=DiagnosticCommand";

  /** Runs the command once and returns its text output. */
  @FunctionalInterface
  interface Command {
    String run() throws Exception;
  }

  private final Counter trims;
  private final Counter released;
  private final DoubleAdder seconds = new DoubleAdder();
  private Command command;
  private String via;
  private boolean unavailable;

  /** Registers the self metrics; the command itself is looked up at the first trim. */
  NativeHeapTrim(TelemetryRegistry registry) {
    this(registry, null);
  }

  /** With {@code command} instead of the JVM's (null: the JVM's, looked up at the first trim). */
  NativeHeapTrim(TelemetryRegistry registry, Command command) {
    this.command = command;
    this.via = command == null ? null : "a given command";
    trims =
        registry.counter(
            "vigil_jvm_native_heap_trims_total",
            "Native heap trims (the JVM's System.trim_native_heap, glibc malloc_trim) done by the"
                + " heap trimmer.");
    released =
        registry.counter(
            "vigil_jvm_native_heap_trim_released_bytes_total",
            "Resident memory the native heap trims gave back to the OS, as the JVM reported it"
                + " (RSS+Swap before minus after; a trim during which it grew counts zero).");
    registry.summary(
        "vigil_jvm_native_heap_trim_duration_seconds",
        "Time the native heap trims took (the first includes finding the diagnostic command).",
        seconds::sum,
        trims.labels()::get);
  }

  /**
   * Trims once; false when this JVM cannot (then it is never asked again and the reason was
   * logged once).
   */
  boolean trim() {
    if (unavailable) {
      return false;
    }
    long start = System.nanoTime();
    String output;
    try {
      if (command == null) {
        command = lookup();
      }
      output = String.valueOf(command.run());
    } catch (Exception | LinkageError e) {
      return giveUp("this JVM has no System.trim_native_heap diagnostic command (" + e + ")");
    }
    if (NativeTrimReport.unavailable(output)) {
      return giveUp("System.trim_native_heap says: " + output.strip());
    }
    long took = System.nanoTime() - start;
    Optional<NativeTrimReport> report = NativeTrimReport.parse(output);
    report.ifPresent(r -> released.inc(r.releasedBytes()));
    seconds.add(took / 1e9);
    boolean first = trims.labels().get() == 0;
    trims.inc();
    Level level = first ? Level.INFO : Level.DEBUG;
    logger.log(
        level,
        () ->
            "Trimmed the native heap (System.trim_native_heap through "
                + via
                + ") in "
                + took / 1_000_000
                + " ms: "
                + report
                    .map(r -> "RSS " + (r.beforeBytes() >> 20) + " -> " + (r.afterBytes() >> 20)
                        + " MiB")
                    .orElse("no figures in \"" + output.strip() + "\"")
                + (first
                    ? "; trimming it again at every heap check while the JIT compiles, after heap"
                        + " trims, and every "
                        + NativeTrimCadence.QUIET_EVERY.toSeconds()
                        + " s otherwise"
                    : ""));
    return true;
  }

  /** Whether this JVM turned out unable to trim; true only after a first attempt. */
  boolean unavailable() {
    return unavailable;
  }

  private boolean giveUp(String reason) {
    unavailable = true;
    logger.log(Level.INFO, "Native heap not trimmed: " + reason);
    return false;
  }

  /**
   * The command through the DiagnosticCommand MBean itself when the jar's manifest opened its
   * package ({@code Add-Opens: jdk.management/com.sun.management.internal}, honoured for {@code
   * java -jar}), else through the platform MBean server. Why not always the server: creating it
   * registers every platform MXBean, ~620 classes and 150 ms of CPU (measured), resident for the
   * server's life, for a bean we could call directly (~200 classes, 50 ms).
   */
  private Command lookup() throws Exception {
    Object[] noArguments = {new String[0]};
    String[] signature = {String[].class.getName()};
    DynamicMBean bean = openedBean();
    if (bean != null) {
      via = "the DiagnosticCommand MBean";
      return () -> (String) bean.invoke(OPERATION, noArguments, signature);
    }
    ObjectName name = new ObjectName(BEAN_NAME);
    var server = ManagementFactory.getPlatformMBeanServer();
    via = "the platform MBean server";
    return () -> (String) server.invoke(name, OPERATION, noArguments, signature);
  }

  /** The JDK's DiagnosticCommand MBean when its package is open to us; null otherwise. */
  private static DynamicMBean openedBean() {
    try {
      Method get =
          Class.forName("com.sun.management.internal.DiagnosticCommandImpl")
              .getDeclaredMethod("getDiagnosticCommandMBean");
      get.setAccessible(true);
      return (DynamicMBean) get.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // Not opened (classpath runs, tests) or another JDK's internals: the public way.
      logger.log(Level.DEBUG, "DiagnosticCommand MBean not reachable directly: " + e);
      return null;
    }
  }
}
