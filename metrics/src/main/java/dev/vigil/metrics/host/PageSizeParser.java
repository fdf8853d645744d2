package dev.vigil.metrics.host;

import java.util.Optional;

/**
 * Finds the kernel page size in {@code /proc/self/smaps} ("KernelPageSize: 4 kB"): Java has no
 * portable API for it, and node_exporter multiplies sockstat's page counts by it.
 */
final class PageSizeParser {

  static final Parser<Optional<Double>> PARSER = PageSizeParser::parse;

  private PageSizeParser() {}

  static Optional<Double> parse(String text, ParseIssues issues) {
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("KernelPageSize:")) {
        continue;
      }
      String[] parts =
          Whitespace.split(lines[i].substring("KernelPageSize:".length()).strip());
      try {
        if (parts.length == 2 && parts[1].equals("kB")) {
          return Optional.of(ProcNumbers.integer(parts[0]) * 1024);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      issues.add(i + 1, "expected \"KernelPageSize: <n> kB\" but got \"" + lines[i] + "\"");
      return Optional.empty();
    }
    return Optional.empty();
  }
}
