package dev.vigil.metrics.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What collectors see during one refresh: file reads that never throw, memoized so that a file read
 * by several collectors (e.g. {@code /proc/stat}) is read and parsed once per refresh.
 */
final class CollectContext {

  /** Large enough for every procfs file in one read (see {@link #load}), so it rarely grows. */
  static final int READ_BUFFER = 64 * 1024;

  private record ParseKey(Path path, Parser<?> parser) {}

  private final HostPaths paths;
  private final OnceLogger log;
  private final UnreadablePaths unreadable;
  private final Map<Path, Optional<String>> texts = new HashMap<>();
  private final Map<ParseKey, Optional<?>> parsed = new HashMap<>();

  /**
   * Every file of a refresh is read into this one array, which the binding hands from refresh to
   * refresh: a fresh 64 KiB array per file was most of a scrape's garbage (about 100 files).
   */
  private byte[] buffer;

  CollectContext(HostPaths paths, OnceLogger log) {
    this(paths, log, new byte[READ_BUFFER]);
  }

  CollectContext(HostPaths paths, OnceLogger log, byte[] buffer) {
    this(paths, log, buffer, new UnreadablePaths(System::nanoTime));
  }

  /**
   * A context whose failed reads are remembered in {@code unreadable}, which the binding keeps
   * from refresh to refresh so that an absent file is not re-opened (and does not throw) on every
   * scrape.
   */
  CollectContext(HostPaths paths, OnceLogger log, byte[] buffer, UnreadablePaths unreadable) {
    this.paths = paths;
    this.log = log;
    this.unreadable = unreadable;
    this.buffer = buffer.length > 0 ? buffer : new byte[READ_BUFFER];
  }

  /** The read buffer, possibly grown by a large file, for the next refresh to reuse. */
  byte[] buffer() {
    return buffer;
  }

  HostPaths paths() {
    return paths;
  }

  /** The file's text, or empty when it is missing or unreadable (logged once at debug). */
  Optional<String> read(Path path) {
    return texts.computeIfAbsent(path, this::load);
  }

  /**
   * The file parsed by {@code parser} (pass the parser's constant so the memo can match), or empty
   * when the file cannot be read. Lines the parser rejected are logged once, as {@code file:line}.
   */
  @SuppressWarnings("unchecked")
  <T> Optional<T> parse(Path path, Parser<T> parser) {
    ParseKey key = new ParseKey(path, parser);
    Optional<?> cached = parsed.get(key);
    if (cached == null) {
      cached = read(path).map(text -> runParser(path, parser, text));
      parsed.put(key, cached);
    }
    return (Optional<T>) cached;
  }

  /** A trimmed single-line file such as a sysfs attribute. */
  Optional<String> readLine(Path path) {
    return read(path).map(String::strip);
  }

  /** Names of the sub-directories (symlinks to directories count) of {@code dir}, sorted. */
  List<String> subdirectories(Path dir) {
    List<String> names = new ArrayList<>();
    if (unreadable.skip(dir)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry)) {
          names.add(entry.getFileName().toString());
        }
      }
    } catch (IOException e) {
      unreadable.failed(dir, e instanceof NoSuchFileException);
      skip("list:" + dir, "cannot list " + dir + ": " + describe(e));
    }
    names.sort(null);
    return names;
  }

  /** Records that something was skipped; logged once per key at debug. */
  void skip(String key, String message) {
    log.debug(key, () -> message);
  }

  private <T> T runParser(Path path, Parser<T> parser, String text) {
    ParseIssues issues = new ParseIssues();
    T result = parser.parse(text, issues);
    for (ParseIssues.Issue issue : issues.all()) {
      skip(path + ":" + issue.line(), "skipped " + path + ":" + issue);
    }
    return result;
  }

  private Optional<String> load(Path path) {
    // Not Files.readAllBytes: procfs files report size 0, so it starts with a tiny read, and
    // /proc/sys files answer any read at a non-zero offset with EOF ("256" comes back as "2").
    // One large first read gets them whole; seq_file files (mountinfo) continue normally.
    if (unreadable.skip(path)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(path)) {
      int length = 0;
      int n;
      while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
        length += n;
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
      }
      // Malformed UTF-8 (odd mount names) is replaced rather than failing the read.
      return Optional.of(new String(buffer, 0, length, StandardCharsets.UTF_8));
    } catch (IOException | SecurityException e) {
      unreadable.failed(path, e instanceof NoSuchFileException);
      skip("read:" + path, "cannot read " + path + ": " + describe(e));
      return Optional.empty();
    }
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
