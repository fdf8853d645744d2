package dev.vigil.metrics.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads the numeric fields of a Linux {@code /proc/<pid>/status} file, re-reading it at most once
 * per {@code maxAge} so that the several gauges fed by one file cost one read per scrape.
 */
final class ProcStatusFile {

  /** The status file of the current process. */
  static final Path SELF = Path.of("/proc/self/status");

  /** The kernel writes "kB" but counts 1024-byte units (page counts shifted by PAGE_SHIFT - 10). */
  private static final long KIB = 1024;

  private final Path path;
  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  private Map<String, Double> values = Map.of();
  private long readAtNanos;
  private boolean everRead;

  ProcStatusFile(Path path, Duration maxAge, LongSupplier nanoClock) {
    this.path = path;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Reads the file now, bypassing the cache.
   *
   * @return the numeric fields, empty when the file does not exist (not Linux)
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  Map<String, Double> readNow() {
    try {
      return parse(Files.readAllLines(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /**
   * The value of one field, from a read no older than the maximum age.
   *
   * @return the value in base units (bytes for "kB" fields), or NaN when the field is absent or the
   *     file cannot be read any more
   */
  synchronized double value(String key) {
    long now = nanoClock.getAsLong();
    if (!everRead || now - readAtNanos >= maxAgeNanos) {
      try {
        values = readNow();
      } catch (UncheckedIOException e) {
        // A scrape must not fail because /proc vanished (e.g. a container teardown): report NaN.
        values = Map.of();
      }
      readAtNanos = now;
      everRead = true;
    }
    return values.getOrDefault(key, Double.NaN);
  }

  /**
   * Parses status lines of the form {@code Key:\tvalue} or {@code Key:\tvalue kB}. Lines whose
   * value is not a single number (names, states, id lists, most hex masks) are skipped. A mask made
   * only of decimal digits ({@code SigPnd:\t0000000000000000}) cannot be told apart and reads as a
   * decimal number; callers only ask for count and size fields.
   */
  static Map<String, Double> parse(List<String> lines) {
    Map<String, Double> result = new HashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      // One token, or a token and "kB"; found without split("\\s+"), which compiles a regex per
      // line of a file read on every scrape.
      String rest = line.substring(colon + 1).trim();
      int space = firstWhitespace(rest);
      boolean kib = space > 0 && rest.substring(space).trim().equals("kB");
      if (space >= 0 && !kib) {
        continue;
      }
      String token = space < 0 ? rest : rest.substring(0, space);
      // Checked before parsing: about half the lines are not numbers (names, masks, lists), and an
      // exception per such line was a dozen exceptions per scrape.
      if (!isDecimal(token)) {
        continue;
      }
      try {
        long number = Long.parseLong(token);
        result.put(line.substring(0, colon), (double) (kib ? number * KIB : number));
      } catch (NumberFormatException e) {
        // Digits only, but too large for a long: not a count or size.
      }
    }
    return result;
  }

  private static boolean isDecimal(String token) {
    if (token.isEmpty()) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int firstWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
