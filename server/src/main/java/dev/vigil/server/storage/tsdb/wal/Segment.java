package dev.vigil.server.storage.tsdb.wal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One numbered file of a WAL directory (or one numbered checkpoint directory): its index and path.
 *
 * <p>Segment files are named by their index as eight or more decimal digits ({@code 00000000},
 * {@code 00000001}, ...), so that a plain directory listing sorts them in log order.
 */
public record Segment(int index, Path path) {

  /** The file name of segment {@code index}. */
  public static String fileName(int index) {
    return String.format("%08d", index);
  }

  /** The index encoded in {@code name} after {@code prefix}, or -1 when it is not such a name. */
  static int parseIndex(String name, String prefix) {
    if (!name.startsWith(prefix)) {
      return -1;
    }
    String digits = name.substring(prefix.length());
    if (digits.length() < 8 || digits.length() > 10) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    long v = Long.parseLong(digits);
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  /** The segment files of {@code dir} in index order; other names are ignored. */
  static List<Segment> list(Path dir) throws IOException {
    return listNamed(dir, "", false);
  }

  /**
   * Entries of {@code dir} named {@code prefix} + digits, sorted by index; directories when
   * {@code directories}, regular files otherwise.
   */
  static List<Segment> listNamed(Path dir, String prefix, boolean directories)
      throws IOException {
    List<Segment> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        int index = parseIndex(p.getFileName().toString(), prefix);
        boolean kindMatches = directories ? Files.isDirectory(p) : Files.isRegularFile(p);
        if (index >= 0 && kindMatches) {
          out.add(new Segment(index, p));
        }
      }
    }
    out.sort(Comparator.comparingInt(Segment::index));
    return out;
  }
}
