package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.ServerSocket;
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

/**
 * Runs {@code vigil-server.jar} as plain {@code java -jar} and with the user's own flags, and
 * reads the child's VM options with {@code jcmd}, as an operator would.
 */
class HeapFootprintIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String READY = "Server is ready to receive web requests.";

  @TempDir Path dir;

  private Process process;

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
  void keepsTheJvmDefaultsWhenTheUserSizedTheHeap() throws Exception {
    start(List.of("-Xmx256m"), Map.of());

    String log = awaitReady();

    assertThat(log)
        .contains("JVM heap left as configured (heap/GC flags given: MaxHeapSize)")
        .doesNotContain("No heap or GC flags given");
    assertThat(jcmd("VM.flags"))
        .doesNotContain("MaxHeapFreeRatio")
        .doesNotContain("G1PeriodicGCInterval");
  }

  @Test
  void keepsTheJvmDefaultsWhenTurnedOffByTheEnvironment() throws Exception {
    start(List.of(), Map.of(HeapFootprint.DISABLE_ENV, "false"));

    String log = awaitReady();

    assertThat(log).contains("JVM heap left as configured (VIGIL_JVM_LEAN=false)");
    assertThat(jcmd("VM.flags")).doesNotContain("MaxHeapFreeRatio");
  }

  private void start(List<String> jvmFlags, Map<String, String> env) throws IOException {
    int port;
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
