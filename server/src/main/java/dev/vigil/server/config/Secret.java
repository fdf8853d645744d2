package dev.vigil.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A value from the config given inline or as a file to read at each use (so a rotated file takes
 * effect at the next scrape, as in Prometheus); its text is never shown by {@link #toString}.
 *
 * @param inline the value as written in the config, or null when it comes from {@code file}
 * @param file the file holding the value (already resolved against the config's directory)
 */
public record Secret(String inline, Path file) {

  /** A value written in the config. */
  public static Secret of(String value) {
    return new Secret(value, null);
  }

  /** A value read from {@code file} at each use. */
  public static Secret fromFile(Path file) {
    return new Secret(null, file);
  }

  /** Whether the value comes from a file. */
  public boolean isFile() {
    return file != null;
  }

  /**
   * The value now: the inline text, or the file's text with surrounding whitespace trimmed (as
   * Prometheus trims secret files, so a trailing newline from {@code echo} is harmless).
   */
  public String read() throws IOException {
    if (file == null) {
      return inline;
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  /** The file's raw bytes, or the inline text's, for PEM material that must not be trimmed. */
  public byte[] bytes() throws IOException {
    return file == null ? inline.getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(file);
  }

  /** Where the value comes from, for messages: the file, or "inline"; never the value. */
  public String origin() {
    return file == null ? "inline" : file.toString();
  }

  @Override
  public String toString() {
    return file == null ? "<secret>" : "<secret from " + file + ">";
  }
}
