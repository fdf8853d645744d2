package dev.vigil.server.storage.tsdb.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vigil.server.storage.tsdb.wal.record.RecordDecoder;
import dev.vigil.server.storage.tsdb.wal.record.RefSample;
import dev.vigil.server.storage.tsdb.wal.record.SamplesRecord;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise end to end: a separate JVM commits records and reports each commit, we
 * SIGKILL it at a random moment, and replay must contain everything it reported. Runs repeat on
 * the same directory, so each one also replays and repairs what the previous kill left.
 */
class WalCrashIT {

  private static final int RUNS = 12;
  private static final int THREADS = 4;
  private static final String END = "\u0000end";

  @TempDir Path tmp;

  @Test
  void keepsEveryReportedCommitThroughKillDashNine() throws Exception {
    Path wal = tmp.resolve("wal");
    Random random = new Random(9_000_009);
    Map<Long, Long> lastSynced = new HashMap<>();
    for (int run = 0; run < RUNS; run++) {
      Process child = start(wal, run);
      LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = pump(child, lines);
      // Most runs die while committing; some already while replaying or opening.
      boolean killEarly = random.nextInt(4) == 0;
      int commitsBeforeKill = killEarly ? 0 : 20 + random.nextInt(500);
      int seen = 0;
      while (seen < commitsBeforeKill || (!killEarly && seen == 0)) {
        String line = lines.poll(2, TimeUnit.MINUTES); // guards against a hang, not a timing check
        if (line == null || line.equals(END)) {
          child.destroyForcibly().waitFor();
          fail("run " + run + ": child stopped or hung before committing: "
              + new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        if (line.startsWith("synced ")) {
          seen++;
          record(line, lastSynced);
        }
      }
      Thread.sleep(random.nextInt(killEarly ? 400 : 50));
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close(), no flush
      child.waitFor();
      reader.join();
      for (String line : lines) {
        if (line.startsWith("synced ")) {
          record(line, lastSynced);
        }
      }

      WalStats stats = new WalStats();
      Map<Long, TreeSet<Long>> replayed = replay(wal, stats);

      for (Map.Entry<Long, Long> e : lastSynced.entrySet()) {
        TreeSet<Long> seqs = replayed.getOrDefault(e.getKey(), new TreeSet<>());
        long last = e.getValue();
        assertThat(seqs.headSet(last, true))
            .as("run %d: writer %d reported up to %d", run, e.getKey(), last)
            .hasSize((int) last + 1);
      }
    }
    assertThat(lastSynced).isNotEmpty();
  }

  private static void record(String line, Map<Long, Long> lastSynced) {
    String[] parts = line.split(" ");
    if (parts.length == 3) {
      lastSynced.merge(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Math::max);
    }
  }

  private static Map<Long, TreeSet<Long>> replay(Path wal, WalStats stats) throws Exception {
    Map<Long, TreeSet<Long>> seqs = new HashMap<>();
    WalReader.replay(wal, payload -> {
      for (RefSample s : ((SamplesRecord) RecordDecoder.decode(payload)).samples()) {
        seqs.computeIfAbsent(s.ref(), k -> new TreeSet<>()).add(s.timestamp());
      }
    }, stats);
    return seqs;
  }

  private static Process start(Path wal, int run) throws Exception {
    String classpath = location(CrashWriterMain.class) + File.pathSeparator
        + location(WalWriter.class);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", classpath, CrashWriterMain.class.getName(),
        wal.toString(), Integer.toString(run), Integer.toString(THREADS)));
    Files.createDirectories(wal.getParent());
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.PIPE)
        .start();
  }

  private static String location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** Copies the child's complete output lines to {@code lines}, then {@link #END}. */
  private static Thread pump(Process child, LinkedBlockingQueue<String> lines) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (Exception ignored) {
        // the child died mid-line; what was read is all it said
      } finally {
        lines.add(END);
      }
    }, "crash-child-stdout");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
