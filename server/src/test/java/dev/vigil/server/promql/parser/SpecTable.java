package dev.vigil.server.promql.parser;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reads specification tables written as text blocks: one row per line, {@code input ==> expected};
 * blank lines and lines starting with {@code //} are ignored.
 */
final class SpecTable {

  static final String ARROW = " ==> ";

  private SpecTable() {}

  static Stream<Arguments> rows(String table) {
    return Arrays.stream(table.split("\n"))
        .filter(l -> !l.isBlank() && !l.strip().startsWith("//"))
        .map(
            l -> {
              int i = l.indexOf(ARROW);
              if (i < 0) {
                throw new IllegalArgumentException("row without " + ARROW.strip() + ": " + l);
              }
              return arguments(l.substring(0, i).strip(), l.substring(i + ARROW.length()).strip());
            });
  }
}
