package dev.vigil.metrics.host;

/** Walks a procfs file's text line by line in place, numbering lines from 1 for parse issues. */
final class ProcLines {

  /** Receives one line as {@code text[start, end)}, without its newline. */
  @FunctionalInterface
  interface LineVisitor {
    void line(int start, int end, int lineNumber);
  }

  private ProcLines() {}

  /** Calls {@code visitor} for every line of {@code text}; a last line without newline counts. */
  static void forEach(String text, LineVisitor visitor) {
    int lineNumber = 0;
    for (int start = 0; start < text.length(); ) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      visitor.line(start, end, ++lineNumber);
      start = end + 1;
    }
  }
}
