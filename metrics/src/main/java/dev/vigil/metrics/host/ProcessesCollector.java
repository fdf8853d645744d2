package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * node_exporter's {@code processes} collector (off by default there and here): process and thread
 * counts by walking {@code /proc/<pid>/stat}, and the kernel's pid and thread limits.
 */
final class ProcessesCollector implements HostCollector {

  /** Compiled once: {@code String.matches} compiles its regex on every call, every scrape. */
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private static final MetricDef PIDS = gauge("node_processes_pids", "Number of PIDs");
  private static final MetricDef MAX_PROCESSES =
      gauge("node_processes_max_processes", "Number of max PIDs limit");
  private static final MetricDef THREADS =
      gauge("node_processes_threads", "Allocated threads in system");
  private static final MetricDef MAX_THREADS =
      gauge("node_processes_max_threads", "Limit of threads in the system");
  private static final MetricDef STATE =
      gauge("node_processes_state", "Number of processes in each state.");

  /** A kernel limit file under /proc/sys and the gauge it feeds. */
  private record Limit(String file, MetricDef def) {}

  private static final List<Limit> LIMITS =
      List.of(
          new Limit("sys/kernel/pid_max", MAX_PROCESSES),
          new Limit("sys/kernel/threads-max", MAX_THREADS));

  // Zero-based positions after the ")" ending the command name: state is field 3, num_threads 20.
  private static final int STATE_FIELD = 0;
  private static final int THREADS_FIELD = 17;

  @Override
  public void collect(CollectContext context, SampleSink out) {
    Path proc = context.paths().procfs();
    int pids = 0;
    double threads = 0;
    Map<String, Integer> states = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path dir : entries) {
        Optional<String[]> fields = statFields(dir.resolve("stat"), context);
        if (fields.isEmpty()) {
          continue; // the process exited between listing and reading, or the line is malformed
        }
        pids++;
        states.merge(fields.get()[STATE_FIELD], 1, Integer::sum);
        threads += ProcNumbers.integer(fields.get()[THREADS_FIELD]);
      }
    } catch (IOException | SecurityException e) {
      context.skip("processes:list", "cannot list " + proc + ": " + e);
      return;
    }
    out.add(PIDS, pids);
    out.add(THREADS, threads);
    states.forEach((state, count) -> out.add(STATE, count, "state", state));
    for (Limit limit : LIMITS) {
      context
          .readLine(context.paths().proc(limit.file()))
          .ifPresent(
              text -> {
                try {
                  out.add(limit.def(), ProcNumbers.integer(text));
                } catch (NumberFormatException e) {
                  context.skip("processes:" + limit.file(), limit.file() + ": \"" + text + "\"");
                }
              });
    }
  }

  /** The fields after the command name, when the line has at least num_threads and it parses. */
  private static Optional<String[]> statFields(Path stat, CollectContext context) {
    // Read directly, not through the refresh memo: thousands of one-off files.
    String line;
    try {
      line = Files.readString(stat);
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    int end = line.lastIndexOf(')');
    String[] fields =
        end < 0 ? new String[0] : Whitespace.split(line.substring(end + 1).strip());
    if (fields.length <= THREADS_FIELD || !DIGITS.matcher(fields[THREADS_FIELD]).matches()) {
      context.skip("processes:malformed", "skipped malformed " + stat);
      return Optional.empty();
    }
    return Optional.of(fields);
  }
}
