package dev.vigil.metrics.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses {@code /proc/<pid>/mountinfo} (proc(5)); octal escapes such as {@code \040} for a space
 * are decoded in paths.
 */
final class MountInfoParser {

  /** Compiled once: {@code String.matches} compiles its regex on every call, every scrape. */
  private static final Pattern DEVICE_NUMBER = Pattern.compile("[0-9]+:[0-9]+");

  /**
   * @param majorMinor the {@code major:minor} device number, as printed
   * @param mountPoint the mount point, unescaped
   * @param fsType the filesystem type, e.g. {@code ext4}
   * @param source the mount source, e.g. {@code /dev/vda}
   * @param mountOptions per-mount options, e.g. {@code ro}
   * @param superOptions per-superblock options
   */
  record MountInfo(
      String majorMinor,
      String mountPoint,
      String fsType,
      String source,
      List<String> mountOptions,
      List<String> superOptions) {

    int major() {
      return Integer.parseInt(majorMinor.substring(0, majorMinor.indexOf(':')));
    }

    int minor() {
      return Integer.parseInt(majorMinor.substring(majorMinor.indexOf(':') + 1));
    }
  }

  static final Parser<List<MountInfo>> PARSER = MountInfoParser::parse;

  private MountInfoParser() {}

  static List<MountInfo> parse(String text, ParseIssues issues) {
    List<MountInfo> mounts = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(" ");
      int separator = Arrays.asList(f).indexOf("-");
      // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
      if (separator < 6 || f.length < separator + 4) {
        issues.add(
            i + 1,
            "expected \"id parent major:minor root mountpoint options ... - fstype source"
                + " superoptions\"");
        continue;
      }
      if (!DEVICE_NUMBER.matcher(f[2]).matches()) {
        issues.add(i + 1, "device number \"" + f[2] + "\" is not major:minor");
        continue;
      }
      mounts.add(
          new MountInfo(
              f[2],
              unescape(f[4]),
              unescape(f[separator + 1]),
              unescape(f[separator + 2]),
              List.of(f[5].split(",")),
              List.of(f[separator + 3].split(","))));
    }
    return List.copyOf(mounts);
  }

  /** Decodes the kernel's {@code \ooo} octal escapes (space, tab, newline, backslash). */
  static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1, i + 4)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from, int to) {
    if (to > s.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return true;
  }
}
