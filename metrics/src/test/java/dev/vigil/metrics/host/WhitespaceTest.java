package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WhitespaceTest {

  @Test
  void splitsLikeTheWhitespaceRegexOnProcLines() {
    String[] lines = {
      "", " ", "  \t ", "cpu", "cpu  10 20\t30", " leading", "trailing  ", " both ends \n",
      "Ip: Forwarding DefaultTTL", "nr_free_pages 1234", "a\u000Bb\fc\rd", "8 0 sda 1 2 3"
    };
    for (String line : lines) {
      assertThat(Whitespace.split(line)).as("\"%s\"", line).containsExactly(line.split("\\s+"));
    }
  }

  @Test
  void splitsRandomTextLikeTheWhitespaceRegex() {
    SplittableRandom random = new SplittableRandom(1);
    char[] alphabet = {'a', '1', ' ', '\t', '\n', '_', ':', '\r'};
    for (int i = 0; i < 10_000; i++) {
      char[] text = new char[random.nextInt(12)];
      for (int j = 0; j < text.length; j++) {
        text[j] = alphabet[random.nextInt(alphabet.length)];
      }
      String line = new String(text);
      assertThat(Whitespace.split(line)).as("\"%s\"", line).containsExactly(line.split("\\s+"));
    }
  }

  @Test
  void boundsDelimitTheSameFieldsAsSplit() {
    SplittableRandom random = new SplittableRandom(2);
    char[] alphabet = {'a', '1', ' ', '\t', '\n', '_', ':', '\r'};
    for (int i = 0; i < 10_000; i++) {
      char[] text = new char[random.nextInt(12)];
      for (int j = 0; j < text.length; j++) {
        text[j] = alphabet[random.nextInt(alphabet.length)];
      }
      String line = new String(text);
      int[] bounds = Whitespace.bounds(line);
      String[] fields = new String[bounds.length / 2];
      for (int f = 0; f < fields.length; f++) {
        fields[f] = line.substring(bounds[2 * f], bounds[2 * f + 1]);
      }
      assertThat(fields).as("\"%s\"", line).containsExactly(Whitespace.split(line));
    }
  }
}
