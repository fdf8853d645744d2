import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the JFR recordings of bench/agent-alloc.sh: bytes allocated per request, per thread
 * group, with and without the agent, bytes per scrape on the agent's endpoint threads, and the
 * allocation sites in agent code.
 *
 * <p>Two JFR events, for two different jobs. {@code jdk.ThreadAllocationStatistics} is each
 * thread's exact allocation counter (what {@code ThreadMXBean.getThreadAllocatedBytes} reads),
 * sampled every 100 ms: the difference between a thread's last sample and its first one (or 0 for
 * a thread started inside the window) is exact, so the per-group table holds exact bytes, not
 * estimates. A thread loses at most the bytes it allocated in its last 100 ms, and the agent's
 * endpoint threads idle 200 ms before they exit, so a scrape's bytes are all seen.
 * {@code jdk.ObjectAllocationSample} (throttled, with stack traces) attributes bytes to sites:
 * each sample's weight is the bytes its thread allocated since its previous sample, so weights
 * summed per site estimate that site's bytes; these columns are estimates.
 *
 * <p>Agent code is recognised by its frames: classes in {@code dev.vigil.agent} (the bootstrap
 * bridges, defined in the boot loader) or defined by the agent's {@code AgentClassLoader}
 * (Micrometer, client_java and the rest of the agent under their own package names).
 *
 * <p>Usage: {@code AllocReport <rate req/s> <top> <label>=<recording.jfr>,<scrape-log> ...}; the
 * first label is the baseline (no agent). The scrape log holds the epoch milliseconds at which
 * each scrape was sent, one a line (empty for the baseline).
 */
public final class AllocReport {

  private static final String ALLOCATION = "jdk.ThreadAllocationStatistics";
  private static final String SAMPLE = "jdk.ObjectAllocationSample";
  private static final String AGENT_LOADER = "dev.vigil.agent.bootstrap.AgentClassLoader";

  private AllocReport() {}

  public static void main(String[] args) throws IOException {
    double rate = Double.parseDouble(args[0]);
    int top = Integer.parseInt(args[1]);
    List<Run> runs = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      String[] files = args[i].substring(eq + 1).split(",", -1);
      runs.add(Run.read(args[i].substring(0, eq), Path.of(files[0]), Path.of(files[1]), rate));
    }
    printWindows(runs);
    printGroups(runs);
    printScrapes(runs);
    printAgentSites(runs, top);
    printShiftedSites(runs, top);
  }

  private static void printWindows(List<Run> runs) {
    for (Run run : runs) {
      System.out.printf(
          Locale.ROOT,
          "%s: window %.1f s, %.0f requests (open loop at the given rate), %d scrapes,"
              + " %d thread starts, %d JIT compilations, %d allocation samples%n",
          run.label,
          run.seconds(),
          run.requests,
          run.scrapes,
          run.threadStarts,
          run.compilations,
          run.samples);
    }
    System.out.println();
  }

  /** Exact bytes per request per thread group, each run beside the baseline. */
  private static void printGroups(List<Run> runs) {
    Run base = runs.get(0);
    TreeSet<String> groups = new TreeSet<>();
    runs.forEach(r -> groups.addAll(r.bytesByGroup.keySet()));
    List<String> ordered = new ArrayList<>(groups);
    ordered.sort(
        (a, b) ->
            Long.compare(
                runs.stream().mapToLong(r -> r.bytesByGroup.getOrDefault(b, 0L)).max().orElse(0),
                runs.stream().mapToLong(r -> r.bytesByGroup.getOrDefault(a, 0L)).max().orElse(0)));
    System.out.println("Exact bytes allocated per request, by thread group (jdk.ThreadAllocationStatistics):");
    StringBuilder head = new StringBuilder("| thread group |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Run run : runs) {
      head.append(' ').append(run.label).append(" |");
      rule.append("---|");
      if (run != base) {
        head.append(' ').append(run.label).append(" - ").append(base.label).append(" |");
        rule.append("---|");
      }
    }
    System.out.println(head);
    System.out.println(rule);
    for (String group : ordered) {
      printGroupRow(runs, group, r -> r.bytesByGroup.getOrDefault(group, 0L));
    }
    printGroupRow(runs, "**app threads** (all but agent and JFR)", r -> r.appBytes());
    printGroupRow(runs, "**request threads** (" + String.join(", ", REQUEST_GROUPS) + ")",
        r -> r.requestThreadBytes());
    printGroupRow(runs, "**all threads** (JFR's own excluded)", r -> r.allBytes());
    System.out.println();
  }

  /** The app's threads that serve /api/order: its server pool, its HttpClient, its worker pool. */
  private static final List<String> REQUEST_GROUPS =
      List.of("demo-http-N", "HttpClient-N-Worker-N", "demo-worker-N");

  private static void printGroupRow(
      List<Run> runs, String label, java.util.function.ToLongFunction<Run> bytes) {
    Run base = runs.get(0);
    double baseValue = bytes.applyAsLong(base) / base.requests;
    StringBuilder row = new StringBuilder("| ").append(label).append(" |");
    for (Run run : runs) {
      double value = bytes.applyAsLong(run) / run.requests;
      row.append(String.format(Locale.ROOT, " %.0f |", value));
      if (run != base) {
        row.append(String.format(Locale.ROOT, " %+.0f |", value - baseValue));
      }
    }
    System.out.println(row);
  }

  private static void printScrapes(List<Run> runs) {
    for (Run run : runs) {
      if (run.scrapes == 0) {
        continue;
      }
      long endpoint = run.bytesByGroup.getOrDefault("vigil-agent-http-N", 0L);
      System.out.printf(
          Locale.ROOT,
          "%s: %.0f KB per scrape on the endpoint threads (exact), %.0f KB on all agent threads;"
              + " %.1f thread starts per scrape%n",
          run.label,
          endpoint / 1024.0 / run.scrapes,
          run.agentThreadBytes() / 1024.0 / run.scrapes,
          run.threadStarts / (double) run.scrapes);
    }
    System.out.println();
  }

  /** Sampled bytes per request in agent code on app threads, and per scrape on agent threads. */
  private static void printAgentSites(List<Run> runs, int top) {
    for (Run run : runs.subList(1, runs.size())) {
      System.out.println(
          run.label + ": allocation sites in agent code on app threads, bytes per request"
              + " (sampled estimate; site = first agent frame, allocated type):");
      printTop(run.agentSitesOnApp, run.requests, top);
      System.out.println(
          run.label + ": allocation sites on agent threads, KB per scrape (sampled estimate;"
              + " site = first dev.vigil frame, or the top frame):");
      Map<String, Double> perKb = new HashMap<>();
      run.sitesOnAgent.forEach((k, v) -> perKb.put(k, v / 1024.0));
      printTop(perKb, Math.max(1, run.scrapes), top);
      System.out.println();
    }
  }

  /**
   * Sites outside agent code whose bytes per request differ most from the baseline: an agent can
   * change what the application allocates (e.g. advice inlined into a method pushes it past the
   * JIT's inlining budget and objects escape analysis used to remove now reach the heap).
   */
  private static void printShiftedSites(List<Run> runs, int top) {
    Run base = runs.get(0);
    for (Run run : runs.subList(1, runs.size())) {
      System.out.println(
          "Sites outside agent code on request threads, bytes per request, " + run.label
              + " vs " + base.label + " (sampled estimates, largest differences; read beside"
              + " the exact table above: a difference it does not show is sampling noise):");
      Map<String, Double> delta = new HashMap<>();
      run.otherSitesOnRequest.forEach((k, v) -> delta.merge(k, v / run.requests, Double::sum));
      base.otherSitesOnRequest.forEach((k, v) -> delta.merge(k, -v / base.requests, Double::sum));
      System.out.println("| site | " + base.label + " | " + run.label + " | difference |");
      System.out.println("|---|---|---|---|");
      delta.entrySet().stream()
          .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
          .limit(top)
          .forEach(
              e ->
                  System.out.printf(
                      Locale.ROOT,
                      "| %s | %.0f | %.0f | %+.0f |%n",
                      e.getKey(),
                      base.otherSitesOnRequest.getOrDefault(e.getKey(), 0.0) / base.requests,
                      run.otherSitesOnRequest.getOrDefault(e.getKey(), 0.0) / run.requests,
                      e.getValue()));
      System.out.println();
    }
  }

  private static void printTop(Map<String, Double> bytes, double divisor, int top) {
    double total = bytes.values().stream().mapToDouble(Double::doubleValue).sum();
    System.out.printf(Locale.ROOT, "  total %.1f%n", total / divisor);
    bytes.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .limit(top)
        .forEach(
            e -> System.out.printf(Locale.ROOT, "  %10.1f  %s%n", e.getValue() / divisor, e.getKey()));
  }

  /** One JVM's recording, summarised. */
  private static final class Run {
    final String label;
    Instant first;
    Instant last;
    double requests;
    int scrapes;
    int threadStarts;
    int compilations;
    long samples;
    final Map<String, Long> bytesByGroup = new LinkedHashMap<>();
    final Map<String, Double> agentSitesOnApp = new HashMap<>();
    final Map<String, Double> sitesOnAgent = new HashMap<>();
    final Map<String, Double> otherSitesOnRequest = new HashMap<>();

    private Run(String label) {
      this.label = label;
    }

    static Run read(String label, Path jfr, Path scrapeLog, double rate) throws IOException {
      Run run = new Run(label);
      // Per thread id: name, first sample (time, bytes), last bytes.
      Map<Long, ThreadCounter> counters = new HashMap<>();
      List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
      for (RecordedEvent event : events) {
        if (event.getEventType().getName().equals(ALLOCATION)) {
          Instant at = event.getStartTime();
          if (run.first == null || at.isBefore(run.first)) {
            run.first = at;
          }
          if (run.last == null || at.isAfter(run.last)) {
            run.last = at;
          }
        }
      }
      if (run.first == null) {
        throw new IllegalStateException(jfr + ": no " + ALLOCATION + " events");
      }
      // Threads sampled in the first batch existed when the window opened; any other thread
      // started inside it, from zero bytes.
      Instant firstBatchEnd = run.first.plusMillis(50);
      for (RecordedEvent event : events) {
        String type = event.getEventType().getName();
        if (type.equals(ALLOCATION)) {
          RecordedThread thread = event.getThread("thread");
          if (thread == null) {
            continue;
          }
          long bytes = event.getLong("allocated");
          ThreadCounter counter =
              counters.computeIfAbsent(
                  thread.getJavaThreadId(),
                  id ->
                      new ThreadCounter(
                          thread.getJavaName(),
                          event.getStartTime().isBefore(firstBatchEnd) ? bytes : 0));
          counter.last = Math.max(counter.last, bytes);
        } else if (type.equals("jdk.ThreadStart") || type.equals("jdk.Compilation")) {
          Instant at = event.getStartTime();
          if (!at.isBefore(run.first) && !at.isAfter(run.last)) {
            if (type.equals("jdk.ThreadStart")) {
              run.threadStarts++;
            } else {
              run.compilations++;
            }
          }
        } else if (type.equals(SAMPLE)) {
          Instant at = event.getStartTime();
          if (at.isBefore(run.first) || at.isAfter(run.last)) {
            continue;
          }
          run.samples++;
          run.addSample(event);
        }
      }
      for (ThreadCounter counter : counters.values()) {
        String group = group(counter.name);
        if (group.startsWith("JFR ")) {
          continue;
        }
        run.bytesByGroup.merge(group, Math.max(0, counter.last - counter.first), Long::sum);
      }
      run.requests = rate * run.seconds();
      for (String line : Files.readAllLines(scrapeLog)) {
        if (!line.isBlank()) {
          Instant at = Instant.ofEpochMilli(Long.parseLong(line.strip()));
          if (!at.isBefore(run.first) && !at.isAfter(run.last)) {
            run.scrapes++;
          }
        }
      }
      return run;
    }

    double seconds() {
      return Duration.between(first, last).toMillis() / 1000.0;
    }

    private void addSample(RecordedEvent event) {
      RecordedThread thread = event.getThread("eventThread");
      if (thread == null || thread.getJavaName() == null) {
        return;
      }
      String group = group(thread.getJavaName());
      if (group.startsWith("JFR ")) {
        return;
      }
      double weight = event.getLong("weight");
      RecordedClass allocated = event.getClass("objectClass");
      String type = allocated == null ? "?" : allocated.getName();
      RecordedStackTrace stack = event.getStackTrace();
      List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
      if (isAgentThread(group)) {
        RecordedFrame site = firstFrame(frames, f -> className(f).startsWith("dev.vigil."));
        if (site == null && !frames.isEmpty()) {
          site = frames.get(0);
        }
        sitesOnAgent.merge(describe(site) + " <- " + type, weight, Double::sum);
        return;
      }
      RecordedFrame agentFrame = firstFrame(frames, AllocReport::isAgentFrame);
      if (agentFrame != null) {
        agentSitesOnApp.merge(describe(agentFrame) + " <- " + type, weight, Double::sum);
      } else if (REQUEST_GROUPS.contains(group)) {
        RecordedFrame site = frames.isEmpty() ? null : frames.get(0);
        otherSitesOnRequest.merge(describe(site) + " <- " + type, weight, Double::sum);
      }
    }

    long appBytes() {
      long sum = 0;
      for (Map.Entry<String, Long> e : bytesByGroup.entrySet()) {
        if (!isAgentThread(e.getKey())) {
          sum += e.getValue();
        }
      }
      return sum;
    }

    long requestThreadBytes() {
      long sum = 0;
      for (String group : REQUEST_GROUPS) {
        sum += bytesByGroup.getOrDefault(group, 0L);
      }
      return sum;
    }

    long agentThreadBytes() {
      return allBytes() - appBytes();
    }

    long allBytes() {
      return bytesByGroup.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final class ThreadCounter {
    final String name;
    final long first;
    long last;

    ThreadCounter(String name, long first) {
      this.name = name == null ? "?" : name;
      this.first = first;
      this.last = first;
    }
  }

  /** Thread names without their counters: {@code demo-http-12} and {@code demo-http-3} pool. */
  static String group(String name) {
    return name.replaceAll("\\d+", "N");
  }

  /** The agent's own threads: its endpoint, its startup thread, the host collectors' statfs pool. */
  static boolean isAgentThread(String group) {
    return group.startsWith("vigil-");
  }

  private static RecordedFrame firstFrame(List<RecordedFrame> frames, Predicate<RecordedFrame> p) {
    for (RecordedFrame frame : frames) {
      if (frame.isJavaFrame() && p.test(frame)) {
        return frame;
      }
    }
    return null;
  }

  private static boolean isAgentFrame(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    if (method == null || method.getType() == null) {
      return false;
    }
    RecordedClass type = method.getType();
    if (type.getName().startsWith("dev.vigil.agent.")) {
      return true;
    }
    return type.getClassLoader() != null
        && type.getClassLoader().getType() != null
        && AGENT_LOADER.equals(type.getClassLoader().getType().getName());
  }

  private static String className(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    return method == null || method.getType() == null ? "" : method.getType().getName();
  }

  private static String describe(RecordedFrame frame) {
    if (frame == null) {
      return "(no stack)";
    }
    RecordedMethod method = frame.getMethod();
    String cls = className(frame);
    return cls.substring(cls.lastIndexOf('.') + 1) + "." + method.getName() + ":"
        + frame.getLineNumber();
  }
}
