package dev.vigil.server;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code System.trim_native_heap} diagnostic command reported: the process's resident
 * memory (RSS plus swap) before and after glibc's {@code malloc_trim}, in bytes.
 *
 * <p>The command's text is meant for people and changed between JDK updates, so each known wording
 * is one row of {@link #FORMATS}; text none of them matches still counts as a trim, without
 * figures. The sizes are the JVM's rounded ones ({@code 83980K}, {@code 271M}, {@code 40960B}):
 * HotSpot prints the largest unit that keeps three digits and truncates, so a figure may be up to
 * one unit short.
 */
record NativeTrimReport(long beforeBytes, long afterBytes) {

  /**
   * The wordings we know, newest first, one row each; every pattern's groups are (before, unit,
   * after, unit).
   */
  private static final List<Pattern> FORMATS =
      List.of(
          // JDK 17.0.15 and 21: "Trim native heap: RSS+Swap: 83980K->71760K (-12220K)".
          Pattern.compile("RSS\\+Swap: (\\d+)([BKMG])->(\\d+)([BKMG])"),
          // An earlier HotSpot wording: "Done. RSS+Swap reduction: 83M->71M (-12M))".
          Pattern.compile("RSS\\+Swap reduction: (\\d+)([KM])->(\\d+)([KM])"),
          // The first version of the command: "RSS before: 83980k, after: 71760k, (-12220k)".
          Pattern.compile("RSS before: (\\d+)(k), after: (\\d+)(k)"));

  /**
   * Whether {@code output} says this JVM cannot trim (a libc other than glibc answers {@code Not
   * available.}); such a JVM is not asked again.
   */
  static boolean unavailable(String output) {
    return output.contains("Not available");
  }

  /** The figures in {@code output}; empty when no known wording carries any. */
  static Optional<NativeTrimReport> parse(String output) {
    for (Pattern p : FORMATS) {
      Matcher m = p.matcher(output);
      if (m.find()) {
        return Optional.of(
            new NativeTrimReport(
                bytes(m.group(1), m.group(2)), bytes(m.group(3), m.group(4))));
      }
    }
    return Optional.empty();
  }

  /** Bytes the trim gave back; zero when resident memory grew meanwhile (other threads run on). */
  long releasedBytes() {
    return Math.max(0, beforeBytes - afterBytes);
  }

  private static long bytes(String digits, String unit) {
    long n = Long.parseLong(digits);
    int shift =
        switch (unit.toUpperCase(Locale.ROOT)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          default -> 0;
        };
    return n << shift;
  }
}
