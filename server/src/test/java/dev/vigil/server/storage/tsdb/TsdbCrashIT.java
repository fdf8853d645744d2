package dev.vigil.server.storage.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.testing.ServerJar;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged server as a process scraping {@link SynthExporter}, kills it with SIGKILL at
 * pseudo-random moments and restarts it on the same data directory: whatever the API answered
 * before a kill must be answered identically after every later restart. Blocks are two seconds
 * long, so kills land before, during and after head flushes, WAL checkpoints and compactions.
 */
class TsdbCrashIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int KILLS = 20;
  private static final long SEED = 20261124L;

  /**
   * Queries look this far into the past, so every scrape whose timestamp they could see had
   * committed: a scrape takes at most the 1s timeout, plus its commit.
   */
  private static final long SETTLED_MILLIS = 2500;

  /** Short blocks, so a run of a few seconds flushes the head and compacts blocks. */
  private static final String MIN_BLOCK = "--storage.tsdb.min-block-duration=2s";

  private static final Pattern COUNTER_LINE =
      Pattern.compile("(?m)^(vigil_tsdb_head_flushes_total|vigil_tsdb_compactions_total) (\\S+)$");

  /** Every series of the job: the exporter's and the synthetic up and scrape_* series. */
  private static final String QUERY = "{job=\"synth\"}";

  private static final Pattern VECTOR_ELEMENT =
      Pattern.compile("\\{\"metric\":\\{[^}]*\\},\"value\":\\[[^\\]]*\\]\\}");

  @TempDir Path dir;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> processes = new ArrayList<>();
  private SynthExporter exporter;
  private Path config;
  private Path data;

  @BeforeEach
  void startExporter() throws IOException {
    exporter = new SynthExporter();
    config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: synth
            static_configs:
              - targets: ["%s"]
        """.formatted(exporter.target()));
    data = dir.resolve("data");
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Process p : processes) {
      if (p.isAlive()) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
    exporter.close();
  }

  @Test
  void answersEverythingItAnsweredBeforeEachKill() throws Exception {
    Random random = new Random(SEED);
    // query time -> the sorted vector elements the API returned for it.
    Map<Long, List<String>> observed = new LinkedHashMap<>();
    Map<Long, List<String>> previousRound = Map.of();
    // Counters restart with each process: sum what each run reported shortly before its kill.
    Map<String, Double> written = new LinkedHashMap<>();
    for (int round = 0; round < KILLS; round++) {
      Server server = startServer("round" + round);
      // What the run just killed answered; earlier rounds are checked again at the end.
      verify(server, previousRound, round);
      // Let a few scrapes happen, then observe past instants (some in this run, some before it:
      // the lookback reaches the previous run's samples), then crash at a random moment.
      Thread.sleep(1500 + random.nextInt(1500));
      long now = System.currentTimeMillis();
      Map<Long, List<String>> thisRound = new LinkedHashMap<>();
      for (int i = 0; i < 4; i++) {
        long t = now - SETTLED_MILLIS - random.nextInt(2000);
        List<String> result = query(server, t);
        if (!result.isEmpty()) {
          thisRound.put(t, result);
        }
      }
      observed.putAll(thisRound);
      previousRound = thisRound;
      Matcher counters = COUNTER_LINE.matcher(get(server.base + "/metrics").body());
      while (counters.find()) {
        written.merge(counters.group(1), Double.parseDouble(counters.group(2)), Double::sum);
      }
      Thread.sleep(random.nextInt(500));
      server.process.destroyForcibly();
      assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
    }
    assertThat(observed).as("observations made before kills").hasSizeGreaterThanOrEqualTo(KILLS * 3);

    // The data directory now holds every run's WAL: a last restart replays it all and answers.
    Server last = startServer("final");
    verify(last, observed, KILLS);
    String metrics = get(last.base + "/metrics").body();
    assertThat(metrics)
        .containsPattern("(?m)^vigil_tsdb_head_series [1-9]")
        .containsPattern("(?m)^vigil_tsdb_head_samples_appended_total [1-9]")
        .contains("vigil_tsdb_wal_corruptions_total 0\n")
        .containsPattern("(?m)^vigil_tsdb_blocks_loaded [1-9]")
        .contains("vigil_tsdb_compactions_failed_total 0\n");
    Matcher segment =
        Pattern.compile("(?m)^vigil_tsdb_wal_segment_current (\\d+)").matcher(metrics);
    assertThat(segment.find()).isTrue();
    // One segment per start, plus one per WAL checkpoint.
    assertThat(Integer.parseInt(segment.group(1))).isGreaterThanOrEqualTo(KILLS);
    double flushes = written.getOrDefault("vigil_tsdb_head_flushes_total", 0.0);
    double compactions = written.getOrDefault("vigil_tsdb_compactions_total", 0.0);
    assertThat(flushes).as("head ranges written as blocks during the run").isPositive();
    assertThat(compactions - flushes).as("blocks merged by compaction during the run")
        .isPositive();
  }

  @Test
  void secondServerOnTheSameDirectoryFailsClearly() throws Exception {
    Server first = startServer("first");

    Process second =
        launch("second", "--storage.tsdb.path=" + data,
            "--web.listen-address=127.0.0.1:" + ServerJar.freePort());

    assertThat(second.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("exits").isTrue();
    assertThat(second.exitValue()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("second.stderr")))
        .contains("error opening storage at " + data)
        .contains("cannot lock " + data.resolve("lock"))
        .contains("is another vigil-server running with this --storage.tsdb.path?")
        .doesNotContain("ready to receive web requests");
    assertThat(get(first.base + "/-/ready").statusCode()).as("first still serving").isEqualTo(200);
  }

  private void verify(Server server, Map<Long, List<String>> observed, int round)
      throws Exception {
    for (Map.Entry<Long, List<String>> e : observed.entrySet()) {
      assertThat(query(server, e.getKey()))
          .as("query at %d after restart %d; stderr:%n%s", e.getKey(), round, server.stderr())
          .isEqualTo(e.getValue());
    }
  }

  private List<String> query(Server server, long t) throws Exception {
    String url = server.base + "/api/v1/query?query="
        + URLEncoder.encode(QUERY, StandardCharsets.UTF_8)
        + "&time=" + (t / 1000) + "." + String.format("%03d", t % 1000);
    HttpResponse<String> r = get(url);
    assertThat(r.statusCode()).as("%s: %s", url, r.body()).isEqualTo(200);
    List<String> elements = new ArrayList<>();
    Matcher m = VECTOR_ELEMENT.matcher(r.body());
    while (m.find()) {
      elements.add(m.group());
    }
    elements.sort(null);
    return elements;
  }

  private HttpResponse<String> get(String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Starts the server on {@link #data} and waits until it is ready. */
  private Server startServer(String name) throws Exception {
    int port = ServerJar.freePort();
    Process p = launch(name, "--storage.tsdb.path=" + data,
        "--web.listen-address=127.0.0.1:" + port, MIN_BLOCK);
    Server server = new Server(p, "http://127.0.0.1:" + port, dir.resolve(name + ".stderr"));
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      assertThat(p.isAlive()).as("server %s running; stderr:%n%s", name, server.stderr()).isTrue();
      try {
        if (get(server.base + "/-/ready").statusCode() == 200) {
          return server;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("server " + name + " not ready in time; stderr:\n" + server.stderr());
  }

  private Process launch(String name, String... args) throws IOException {
    // Start-up dominates this test's run time; C1 only and the serial GC start fastest.
    List<String> cmd =
        ServerJar.command("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    cmd.add("--config.file=" + config);
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".stdout").toFile())
        .redirectError(dir.resolve(name + ".stderr").toFile())
        .start();
    processes.add(p);
    return p;
  }

  /** One server process and where to reach it. */
  private record Server(Process process, String base, Path stderrFile) {
    String stderr() throws IOException {
      return Files.exists(stderrFile) ? Files.readString(stderrFile) : "";
    }
  }
}
