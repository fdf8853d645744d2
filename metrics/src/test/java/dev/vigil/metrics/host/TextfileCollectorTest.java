package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The textfile collector on directories of {@code *.prom} files (host/variants/textfile). */
class TextfileCollectorTest {

  private static final FileTime MTIME = FileTime.from(Instant.ofEpochSecond(1_700_000_000));

  @TempDir Path temp;

  private final PrometheusMeterRegistry registry = HostFixture.registry();
  private HostMetrics host;

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void withoutADirectoryReportsNoErrorAndNothingElse() {
    List<String> lines = scrape(List.of());

    assertThat(lines).contains("node_textfile_scrape_error 0.0");
    assertThat(lines).noneMatch(l -> l.startsWith("node_textfile_mtime_seconds"));
  }

  @Test
  void exposesTheSamplesOfEveryPromFileWithItsModificationTime() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("textfile"));
    Path backup = copy("backup.prom", dir);
    Files.writeString(dir.resolve("notes.txt"), "not a metric file\n");

    List<String> lines = scrape(List.of(dir));

    assertThat(lines)
        .contains(
            "node_textfile_scrape_error 0.0",
            "node_textfile_mtime_seconds{file=\"" + backup + "\"} 1.7E9",
            "# TYPE backup_last_success_timestamp_seconds gauge",
            "# HELP backup_last_success_timestamp_seconds When the last backup finished.",
            "backup_last_success_timestamp_seconds{host=\"a b\",target=\"db\"} 1.7E9",
            "backup_last_success_timestamp_seconds{host=\"quote\\\"d\",target=\"files\"}"
                + " 1.699999E9",
            "# TYPE backup_runs_total counter",
            "backup_runs_total{target=\"db\"} 42.0",
            "raid_degraded 0.0");
  }

  @Test
  void aMalformedFileContributesOnlyTheErrorFlag() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("textfile"));
    copy("backup.prom", dir);
    Path broken = copy("broken.prom", dir);

    List<String> lines = scrape(List.of(dir));

    assertThat(lines)
        .contains("node_textfile_scrape_error 1.0", "backup_runs_total{target=\"db\"} 42.0");
    assertThat(lines)
        .noneMatch(l -> l.startsWith("apt_upgrades_pending"))
        .noneMatch(l -> l.contains(broken.toString()));
  }

  @Test
  void clientSideTimestampsAreRejectedAsNodeExporterDoes() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("textfile"));
    Files.writeString(dir.resolve("stamped.prom"), "jobs_queued 3 1700000000000\n");

    List<String> lines = scrape(List.of(dir));

    assertThat(lines).contains("node_textfile_scrape_error 1.0");
    assertThat(lines).noneMatch(l -> l.startsWith("jobs_queued"));
  }

  @Test
  void anUnreadableDirectoryIsAnError() {
    List<String> lines = scrape(List.of(temp.resolve("absent")));

    assertThat(lines).contains("node_textfile_scrape_error 1.0");
  }

  @Test
  void namesMicrometerWouldRewriteAreSkippedNotRenamed() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("textfile"));
    Files.writeString(
        dir.resolve("odd.prom"),
        "# TYPE restarts counter\nrestarts 2\n# TYPE size_total gauge\nsize_total 9\nok_total 1\n");

    List<String> lines = scrape(List.of(dir));

    // A counter without _total would be exposed as restarts_total, a gauge *_total as size: both
    // skipped. An untyped ok_total keeps its name as a counter.
    assertThat(lines).contains("node_textfile_scrape_error 0.0", "ok_total 1.0");
    assertThat(lines).noneMatch(l -> l.startsWith("restarts")).noneMatch(l -> l.startsWith("size"));
  }

  @Test
  void parserReportsEachBadLineWithItsNumber() {
    ParseIssues issues = new ParseIssues();

    List<TextfileParser.Line> lines =
        TextfileParser.INSTANCE.parse(
            "# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b weird\nb{x=1} 2\nc\n{x=\"1\"} 3\n"
                + "d{x=\"\\n\\\\\"} +Inf\n",
            issues);

    assertThat(issues.all())
        .extracting(ParseIssues.Issue::line)
        .containsExactly(3, 4, 5, 6);
    assertThat(lines)
        .extracting(TextfileParser.Line::name)
        .containsExactly("a", "d");
    assertThat(lines.get(1).labels()).containsExactly("x", "\n\\");
    assertThat(lines.get(1).value()).isInfinite();
  }

  private Path copy(String variant, Path dir) throws IOException {
    Path file = dir.resolve(variant);
    Files.writeString(file, HostFixture.variant("textfile/" + variant));
    Files.setLastModifiedTime(file, MTIME);
    return file;
  }

  private List<String> scrape(List<Path> directories) {
    host =
        HostMetrics.builder()
            .paths(HostPaths.under(HostFixture.root()))
            .linux(true)
            .only("textfile")
            .textfileDirectories(directories)
            .build();
    host.bindTo(registry);
    return HostFixture.lines(registry);
  }
}
