package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * node_exporter's textfile collector: exposes the samples of every {@code *.prom} file in the
 * configured directories, their modification times ({@code node_textfile_mtime_seconds{file}}),
 * and {@code node_textfile_scrape_error} (1 when a directory or file could not be read or parsed).
 *
 * <p>With no directory configured (the default) it only reports {@code node_textfile_scrape_error
 * 0}, as node_exporter does without {@code --collector.textfile.directory}.
 */
final class TextfileCollector implements HostCollector {

  private static final MetricDef SCRAPE_ERROR =
      gauge(
          "node_textfile_scrape_error",
          "1 if there was an error opening or reading a file, 0 otherwise");
  private static final MetricDef MTIME =
      gauge("node_textfile_mtime_seconds", "Unixtime mtime of textfiles successfully read.");

  private final List<Path> directories;

  TextfileCollector(List<Path> directories) {
    this.directories = List.copyOf(directories);
  }

  @Override
  public void collect(CollectContext context, SampleSink out) {
    boolean errored = false;
    for (Path dir : directories) {
      Optional<List<Path>> files = promFiles(dir, context);
      if (files.isEmpty()) {
        errored = true;
        continue;
      }
      for (Path file : files.get()) {
        errored |= !export(file, context, out);
      }
    }
    out.add(SCRAPE_ERROR, errored ? 1 : 0);
  }

  /** Exports one file's samples and mtime; false (nothing exported) when it is unusable. */
  private static boolean export(Path file, CollectContext context, SampleSink out) {
    FileTime mtime;
    try {
      mtime = Files.getLastModifiedTime(file);
    } catch (IOException e) {
      context.skip("textfile:" + file, "cannot stat " + file + ": " + e.getMessage());
      return false;
    }
    Optional<String> text = context.read(file);
    if (text.isEmpty()) {
      return false;
    }
    ParseIssues issues = new ParseIssues();
    List<TextfileParser.Line> lines = TextfileParser.INSTANCE.parse(text.get(), issues);
    if (!issues.isEmpty()) {
      // Like node_exporter: a file with any bad line contributes nothing but the error flag.
      for (ParseIssues.Issue issue : issues.all()) {
        context.skip(file + ":" + issue.line(), "skipped " + file + ":" + issue);
      }
      return false;
    }
    for (TextfileParser.Line line : lines) {
      MetricDef.Type type = micrometerType(line);
      if (type == null) {
        context.skip(
            "textfile-type:" + file + ":" + line.name(),
            file + ": " + line.type() + " " + line.name() + " is not supported; skipped");
        continue;
      }
      out.addNamed(
          line.name(), type, line.help(), line.value(), line.labels().toArray(String[]::new));
    }
    out.add(MTIME, mtime.toMillis() / 1e3, "file", file.toString());
    return true;
  }

  /**
   * How a sample can be registered so that its exposed name stays the file's: counters must end in
   * {@code _total} (Micrometer appends it), and an untyped {@code *_total} is exposed as a counter
   * because a gauge would lose the suffix. Histograms and summaries are not supported: Micrometer
   * cannot carry precomputed buckets or quantiles.
   */
  private static MetricDef.Type micrometerType(TextfileParser.Line line) {
    return switch (line.type()) {
      case "counter" -> MetricDef.Type.COUNTER;
      case "gauge" -> MetricDef.Type.GAUGE;
      case "untyped" ->
          line.name().endsWith("_total") ? MetricDef.Type.COUNTER : MetricDef.Type.GAUGE;
      default -> null;
    };
  }

  /** The {@code *.prom} files of a directory, sorted; empty when it cannot be listed. */
  private static Optional<List<Path>> promFiles(Path dir, CollectContext context) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.prom")) {
      for (Path entry : entries) {
        files.add(entry);
      }
    } catch (IOException | SecurityException e) {
      context.skip("textfile-dir:" + dir, "cannot read textfile directory " + dir + ": " + e);
      return Optional.empty();
    }
    files.sort(null);
    return Optional.of(files);
  }
}
