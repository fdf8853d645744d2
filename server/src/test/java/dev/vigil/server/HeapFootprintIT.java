package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs {@code vigil-server.jar} as plain {@code java -jar} and with the user's own flags, and
 * reads the child's VM options and threads with {@code jcmd} and its self metrics on {@code
 * /metrics}, as an operator would.
 */
class HeapFootprintIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String READY = "Server is ready to receive web requests.";
  private static final String NATIVE_TRIMS = "vigil_jvm_native_heap_trims_total";

  /** The thread {@link HeapTrimmer} runs on. */
  private static final String TRIMMER_THREAD = "\"vigil-heap-trim\"";

  @TempDir Path dir;

  private Process process;
  private int port;

  @AfterEach
  void stopProcess() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void plainJavaJarLowersTheFreeRatiosAndTrimsTheHeap() throws Exception {
    start(List.of(), Map.of());

    String log = awaitReady();
    String flags = jcmd("VM.flags");

    assertThat(log).contains("No heap or GC flags given: set MinHeapFreeRatio=20"
        + " MaxHeapFreeRatio=50 G1PeriodicGCInterval=60000, trimmed the committed heap from ");
    assertThat(flags)
        .contains("-XX:MinHeapFreeRatio=20")
        .contains("-XX:MaxHeapFreeRatio=50")
        .contains("-XX:G1PeriodicGCInterval=60000");
    long initial = flag(flags, "InitialHeapSize");
    // Only where the JVM's initial heap is large enough for the trim to show (1/64 of RAM is
    // ~16 MiB on a 1 GiB machine).
    if (initial > 128L << 20) {
      assertThat(committedHeap(jcmd("GC.heap_info")))
          .as("committed heap after the trim, vs the initial %d bytes", initial)
          .isLessThan(initial / 2);
    }
    assertThat(process.isAlive()).isTrue();
  }

  @Test
  void plainJavaJarTrimsTheNativeHeapThroughTheDiagnosticCommandBean() throws Exception {
    start(List.of(), Map.of());
    awaitReady();

    awaitMetricAtLeast(NATIVE_TRIMS, 1);

    // The jar's Add-Opens lets the trimmer call the bean without the platform MBean server, and
    // the JVM's answer carried figures we could read.
    assertThat(stderr())
        .containsPattern(
            "Trimmed the native heap \\(System.trim_native_heap through the DiagnosticCommand"
                + " MBean\\) in \\d+ ms: RSS \\d+ -> \\d+ MiB")
        .doesNotContain("Native heap not trimmed");
    String metrics = metrics();
    assertThat(metric(metrics, "vigil_jvm_native_heap_trim_duration_seconds_count"))
        .isEqualTo(metric(metrics, NATIVE_TRIMS));
    assertThat(metric(metrics, "vigil_jvm_native_heap_trim_duration_seconds_sum")).isPositive();
    assertThat(metrics).contains("vigil_jvm_native_heap_trim_released_bytes_total ");
    assertThat(metric(metrics, "vigil_jvm_heap_trims_total")).isGreaterThanOrEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"-Xmx256m, MaxHeapSize", "-XX:+UseSerialGC, UseSerialGC"})
  void keepsTheJvmDefaultsAndTrimsNothingWhenTheUserChoseHeapOrGc(String flag, String option)
      throws Exception {
    start(List.of(flag), Map.of());

    String log = awaitReady();

    assertThat(log)
        .contains("JVM heap left as configured (heap/GC flags given: " + option + ")")
        .doesNotContain("No heap or GC flags given");
    assertThat(jcmd("VM.flags"))
        .doesNotContain("MaxHeapFreeRatio")
        .doesNotContain("G1PeriodicGCInterval");
    assertNoTrimmer();
  }

  @Test
  void keepsTheJvmDefaultsWhenTurnedOffByTheEnvironment() throws Exception {
    start(List.of(), Map.of(HeapFootprint.DISABLE_ENV, "false"));

    String log = awaitReady();

    assertThat(log).contains("JVM heap left as configured (VIGIL_JVM_LEAN=false)");
    assertThat(jcmd("VM.flags")).doesNotContain("MaxHeapFreeRatio");
    assertNoTrimmer();
  }

  /**
   * No trimmer thread and no trim metrics: checked on the process's structure rather than by
   * waiting for trims that should not come.
   */
  private void assertNoTrimmer() throws Exception {
    assertThat(jcmd("Thread.print")).doesNotContain(TRIMMER_THREAD);
    assertThat(metrics()).doesNotContain(NATIVE_TRIMS).doesNotContain("vigil_jvm_heap_trims");
    assertThat(stderr()).doesNotContain("Trimmed the native heap");
  }

  /** Polls {@code /metrics} until {@code name} reaches {@code min} (checks are 10 s apart). */
  private double awaitMetricAtLeast(String name, double min) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("server still running; stderr:%n%s", stderr()).isTrue();
      String metrics = metrics();
      if (metrics.contains(name + " ") && metric(metrics, name) >= min) {
        return metric(metrics, name);
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " did not reach " + min + "; stderr:\n" + stderr());
  }

  private String metrics() throws IOException {
    try (InputStream in =
        URI.create("http://127.0.0.1:" + port + "/metrics").toURL().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static double metric(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("%s in%n%s", name, metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private void start(List<String> jvmFlags, Map<String, String> env) throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: vigil
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """
            .formatted(port));
    Path jar = Path.of(System.getProperty("vigil.server.jar", "target/vigil-server.jar"));
    assertThat(jar).as("the packaged server jar").exists();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--config.file=" + config,
            "--web.listen-address=127.0.0.1:" + port,
            "--storage.tsdb.path=" + dir.resolve("data")));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .redirectError(dir.resolve("stderr.log").toFile());
    // "Plain java -jar" means none of the launcher's and VM's own option variables either.
    pb.environment().keySet().removeAll(
        List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", HeapFootprint.DISABLE_ENV));
    pb.environment().putAll(env);
    process = pb.start();
  }

  private String awaitReady() throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      String log = stderr();
      assertThat(process.isAlive()).as("server still running; stderr:%n%s", log).isTrue();
      if (log.contains(READY)) {
        return log;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not ready in time; stderr:\n" + stderr());
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr.log"));
  }

  /** Runs the JDK's jcmd against the server; skips the test on a runtime without it. */
  private String jcmd(String command) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    assumeThat(jcmd).as("jcmd in this JDK").isExecutable();
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("jcmd exits").isTrue();
    assertThat(p.exitValue()).as("jcmd %s: %s", command, out).isZero();
    return out;
  }

  private static long flag(String flags, String name) {
    Matcher m = Pattern.compile("-XX:" + name + "=(\\d+)").matcher(flags);
    assertThat(m.find()).as("%s in %s", name, flags).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** "garbage-first heap   total 24576K, used ..." from GC.heap_info, in bytes. */
  private static long committedHeap(String heapInfo) {
    Matcher m = Pattern.compile("heap\\s+total (\\d+)K").matcher(heapInfo);
    assertThat(m.find()).as("heap total in %s", heapInfo).isTrue();
    return Long.parseLong(m.group(1)) << 10;
  }
}
