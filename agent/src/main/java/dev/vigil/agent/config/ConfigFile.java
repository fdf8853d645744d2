package dev.vigil.agent.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional settings file named by {@code vigil.config.file}: one {@code key=value} (or {@code
 * key: value}) per line, {@code #} and {@code !} start comments.
 *
 * <p>Deliberately a subset of {@link java.util.Properties}' format, read by hand: {@code
 * Properties.load} forgets line numbers, and an error should say {@code file:line}. Backslashes
 * are kept literally (no escapes, no continuation lines), so a Windows path needs no doubling.
 */
final class ConfigFile {

  /** One key's value and the line it came from. */
  static final class Entry {
    private final String value;
    private final int line;

    Entry(String value, int line) {
      this.value = value;
      this.line = line;
    }

    String value() {
      return value;
    }

    int line() {
      return line;
    }
  }

  private final Path path;
  private final Map<String, Entry> entries;

  private ConfigFile(Path path, Map<String, Entry> entries) {
    this.path = path;
    this.entries = entries;
  }

  /** A file with no entries, for when no settings file is configured. */
  static ConfigFile none() {
    return new ConfigFile(null, Map.of());
  }

  /**
   * Reads and parses {@code file}; a later line for the same key wins, as in {@code Properties}.
   *
   * @param origin where the file name came from, for the error message
   * @throws ConfigException when the file cannot be read or a line is not {@code key=value}
   */
  static ConfigFile read(String file, String origin) {
    Path path;
    List<String> lines;
    try {
      path = Path.of(file);
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new ConfigException(
          "cannot read settings file " + file + " (from " + origin + "): not UTF-8 text");
    } catch (IOException | InvalidPathException e) {
      throw new ConfigException(
          "cannot read settings file " + file + " (from " + origin + "): " + describe(e));
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!') {
        continue;
      }
      int separator = separatorIndex(line);
      String key = separator < 0 ? "" : line.substring(0, separator).strip();
      if (key.isEmpty()) {
        throw new ConfigException(
            "invalid settings file " + file + ":" + (i + 1) + ": expected key=value, got '"
                + line + "'");
      }
      entries.put(key, new Entry(line.substring(separator + 1).strip(), i + 1));
    }
    return new ConfigFile(path, entries);
  }

  /** The entry for {@code key}, or null. */
  Entry get(String key) {
    return entries.get(key);
  }

  /** Every key with its entry, in file order. */
  Map<String, Entry> entries() {
    return entries;
  }

  /** {@code path:line}, the way an error names a place in the file. */
  String place(int line) {
    return path + ":" + line;
  }

  private static int separatorIndex(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '=' || c == ':') {
        return i;
      }
    }
    return -1;
  }

  /** {@code NoSuchFileException} says only the file name; name the problem instead. */
  private static String describe(Exception e) {
    String type = e.getClass().getSimpleName();
    if (type.equals("NoSuchFileException")) {
      return "no such file";
    }
    if (type.equals("AccessDeniedException")) {
      return "permission denied";
    }
    return e.getMessage() != null ? e.getMessage() : type;
  }
}
