package dev.vigil.server.storage.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.testing.ServerProcess;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  private final List<ServerProcess> servers = new ArrayList<>();
  private SynthExporter exporter;
  private Path config;
  private Path data;

  @BeforeEach
  void startExporter() throws IOException {
    exporter = new SynthExporter();
    config = exporter.writeConfig(dir.resolve("prometheus.yml"));
    data = dir.resolve("data");
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    for (ServerProcess server : servers) {
      server.close();
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
      ServerProcess server = startServer("round" + round);
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
      Matcher counters = COUNTER_LINE.matcher(server.get("/metrics").body());
      while (counters.find()) {
        written.merge(counters.group(1), Double.parseDouble(counters.group(2)), Double::sum);
      }
      Thread.sleep(random.nextInt(500));
      server.kill();
    }
    assertThat(observed).as("observations made before kills").hasSizeGreaterThanOrEqualTo(KILLS * 3);

    // The data directory now holds every run's WAL: a last restart replays it all and answers.
    ServerProcess last = startServer("final");
    verify(last, observed, KILLS);
    String metrics = last.get("/metrics").body();
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
    ServerProcess first = startServer("first");

    Process second = launch("second").process();

    assertThat(second.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("exits").isTrue();
    assertThat(second.exitValue()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("second.stderr")))
        .contains("error opening storage at " + data)
        .contains("cannot lock " + data.resolve("lock"))
        .contains("is another vigil-server running with this --storage.tsdb.path?")
        .doesNotContain("ready to receive web requests");
    assertThat(first.get("/-/ready").statusCode()).as("first still serving").isEqualTo(200);
  }

  private void verify(ServerProcess server, Map<Long, List<String>> observed, int round)
      throws Exception {
    for (Map.Entry<Long, List<String>> e : observed.entrySet()) {
      assertThat(query(server, e.getKey()))
          .as("query at %d after restart %d; stderr:%n%s", e.getKey(), round, server.stderr())
          .isEqualTo(e.getValue());
    }
  }

  private List<String> query(ServerProcess server, long t) throws Exception {
    String path = "/api/v1/query?query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8)
        + "&time=" + (t / 1000) + "." + String.format("%03d", t % 1000);
    HttpResponse<String> r = server.get(path);
    assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
    List<String> elements = new ArrayList<>();
    Matcher m = VECTOR_ELEMENT.matcher(r.body());
    while (m.find()) {
      elements.add(m.group());
    }
    elements.sort(null);
    return elements;
  }

  /** Starts the server on {@link #data} and waits until it is ready. */
  private ServerProcess startServer(String name) throws Exception {
    return launch(name).awaitReady(DEADLINE);
  }

  private ServerProcess launch(String name) throws IOException {
    ServerProcess server = ServerProcess.launch(dir, name, "--config.file=" + config,
        "--storage.tsdb.path=" + data, MIN_BLOCK);
    servers.add(server);
    return server;
  }
}
