package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.testing.SharedData;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextFormatParserTest {

  private static Path expositionDir() {
    try {
      return Path.of(TextFormatParserTest.class.getResource("/exposition").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every {@code *.prom} (text format) and {@code *.om} (OpenMetrics) file under
   * resources/exposition parses into exactly the samples listed in its {@code .expected} file.
   */
  @TestFactory
  Stream<DynamicTest> parsesGoldenFilesIntoTheExpectedSamples() throws IOException {
    List<Path> inputs;
    try (Stream<Path> files = Files.list(expositionDir())) {
      inputs =
          files
              .filter(p -> p.toString().endsWith(".prom") || p.toString().endsWith(".om"))
              .sorted()
              .toList();
    }
    assertThat(inputs).hasSizeGreaterThanOrEqualTo(4);
    return inputs.stream()
        .map(
            input ->
                DynamicTest.dynamicTest(input.getFileName().toString(), () -> checkGolden(input)));
  }

  private static void checkGolden(Path input) throws Exception {
    String name = input.getFileName().toString();
    ExpositionFormat format =
        name.endsWith(".om") ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
    Path expectedFile =
        input.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected");
    List<String[]> expected = new ArrayList<>();
    for (String line : Files.readAllLines(expectedFile)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        expected.add(line.split("\t"));
      }
    }

    List<ParsedSample> samples =
        TextFormatParser.parse(Files.readAllBytes(input), format).samples();
    // A scrape loop's series cache must not change the outcome, cold (parsing) or warm (hits).
    SeriesCache cache = new SeriesCache(new LabelMerger(Labels.of(), false));
    for (int round = 0; round < 2; round++) {
      List<ParsedSample> cached =
          TextFormatParser.parse(Files.readAllBytes(input), format, cache).samples();
      assertThat(cached).as("round %d with a series cache", round).isEqualTo(samples);
    }

    assertThat(samples).hasSize(expected.size());
    for (int i = 0; i < samples.size(); i++) {
      ParsedSample s = samples.get(i);
      String[] e = expected.get(i);
      assertThat(s.labels().toString()).as("labels of sample %d", i).isEqualTo(e[0]);
      if (e[1].equals("NaN")) {
        assertThat(s.value()).as("value of %s", e[0]).isNaN();
        assertThat(StaleNaN.is(s.value())).as("an exposed NaN is never a stale marker").isFalse();
      } else {
        assertThat(Double.doubleToRawLongBits(s.value()))
            .as("bits of the value of %s (%s)", e[0], e[1])
            .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(e[1])));
      }
      if (e[2].equals("-")) {
        assertThat(s.hasTimestamp()).as("timestamp of %s", e[0]).isFalse();
      } else {
        assertThat(s.hasTimestamp()).as("timestamp of %s", e[0]).isTrue();
        assertThat(s.timestamp()).as("timestamp of %s", e[0]).isEqualTo(Long.parseLong(e[2]));
      }
    }
  }

  @Test
  void keepsHelpAndTypeMetadata() throws Exception {
    Exposition e =
        TextFormatParser.parse(
            Files.readAllBytes(expositionDir().resolve("service.prom")),
            ExpositionFormat.PROMETHEUS_TEXT);

    assertThat(e.metadata().get("queue_wait_seconds"))
        .isEqualTo(new MetricMetadata("histogram", "How long orders wait."));
    assertThat(e.metadata().get("orders_processed_total").type()).isEqualTo("counter");
  }

  @Test
  void unescapesHelpText() throws Exception {
    Exposition e =
        TextFormatParser.parse(
            "# HELP x Line one\\nline two \\\\ end\nx 1\n", ExpositionFormat.PROMETHEUS_TEXT);

    assertThat(e.metadata().get("x").help()).isEqualTo("Line one\nline two \\ end");
  }

  @Test
  void acceptsAnEmptyBodyAndCrLfLineEnds() throws Exception {
    assertThat(TextFormatParser.parse("", ExpositionFormat.PROMETHEUS_TEXT).samples()).isEmpty();
    assertThat(TextFormatParser.parse("a 1\r\nb 2\r\n", ExpositionFormat.PROMETHEUS_TEXT).samples())
        .extracting(ParsedSample::value)
        .containsExactly(1.0, 2.0);
  }

  /**
   * Malformed input: the whole body fails with the line, column (1-based) and reason. Columns point
   * at where the problem starts.
   */
  @ParameterizedTest(name = "[{index}] {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
ok 1\\nbad{a="b" 1                     | 2 | 11 | expected "," or "}" after label value, got "1"
foo 1 2 3                               | 1 | 9  | unexpected "3" after timestamp
foo abc                                 | 1 | 5  | expected a float value, got "abc"
foo 0x1F                                | 1 | 5  | expected a float value, got "0x1F"
foo 1_000                               | 1 | 5  | expected a float value, got "1_000"
foo 1e999                               | 1 | 5  | expected a float value, got "1e999"
foo{a="b",a="c"} 1                      | 1 | 11 | duplicate label name "a"
foo{__name__="bar"} 1                   | 1 | 5  | duplicate label name "__name__"
0foo 1                                  | 1 | 1  | expected metric name, got "0"
"foo" 1                                 | 1 | 1  | expected metric name, got "\\""
foo{0a="b"} 1                           | 1 | 5  | expected label name or "}", got "0"
foo{a-b="c"} 1                          | 1 | 6  | expected "=" after label name "a", got "-"
foo{a="b} 1                             | 1 | 7  | unterminated label value
foo{a=b} 1                              | 1 | 7  | expected quoted value for label "a", got "b"
foo{a="b"                               | 1 | 10 | expected "," or "}" after label value, got end of line
foo                                     | 1 | 4  | expected value after metric "foo", got end of line
foo{a="b"}                              | 1 | 11 | expected value after metric "foo", got end of line
foo 1 abc                               | 1 | 7  | expected a timestamp in milliseconds, got "abc"
foo 1 -3982045                          | 1 | 7  | expected a timestamp in milliseconds, got "-3982045"
foo 1 1.5                               | 1 | 7  | expected a timestamp in milliseconds, got "1.5"
foo 1 99999999999999999999              | 1 | 7  | timestamp 99999999999999999999 out of range
# TYPE foo bar                          | 1 | 12 | invalid metric type "bar"
# TYPE foo Counter                      | 1 | 12 | invalid metric type "Counter"
# TYPE 1foo counter                     | 1 | 8  | expected metric name after TYPE, got "1"
# HELP                                  | 1 | 7  | expected metric name after HELP, got end of line
# HELP foo-bar help                     | 1 | 11 | expected whitespace after metric name in HELP, got "-"
a 1\\n\\nb 2\\nc{x="y",x="z"} 3        | 4 | 9  | duplicate label name "x"
foo{a="b"}{c="d"} 1                     | 1 | 11 | expected a float value, got "{c=\\"d\\"}"
ok 1\\nok 1 2 3                         | 2 | 8  | unexpected "3" after timestamp
ok 1\\nok 1e999                           | 2 | 4  | expected a float value, got "1e999"
ok 1\\nok NaN x                           | 2 | 8  | expected a timestamp in milliseconds, got "x"
ok{a="é"} 1\\nok{a="é"} 1 2x              | 2 | 13 | expected a timestamp in milliseconds, got "2x"
""")
  void rejectsMalformedLinesNamingLineAndColumn(String input, int line, int column, String reason) {
    String text = input.replace("\\n", "\n");

    assertThatThrownBy(() -> TextFormatParser.parse(text, ExpositionFormat.PROMETHEUS_TEXT))
        .isInstanceOfSatisfying(
            ParseException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.getMessage())
                  .isEqualTo("line " + line + ", column " + column + ": " + reason);
            });
    // The same error, at the same place, when the scrape loop's series cache is in the way: cold,
    // and warm with the series of the lines before the error (the byte-level path then sees them).
    SeriesCache cache = new SeriesCache(new LabelMerger(Labels.of(), false));
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 2; round++) {
      assertThatThrownBy(
              () -> TextFormatParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT, cache))
          .isInstanceOfSatisfying(
              ParseException.class,
              e -> assertThat(e.getMessage())
                  .isEqualTo("line " + line + ", column " + column + ": " + reason));
    }
  }

  @Test
  void aWarmSeriesCacheParsesEveryValueAndTimestampSpellingLikeThePlainParser()
      throws ParseException {
    String text =
        String.join(
            "\n",
            "# TYPE m gauge",
            "m 1",
            "m{a=\"x\"} -0",
            "m{a=\"y\"}\t NaN",
            "m{a=\"z\"} +Inf 17",
            "m{a=\"é\"} -Inf",
            "  n 0.12345678901234568 1700000000000",
            "n{b=\"}\"} 1e-400",
            "n{b=\"\\\"\"} 1234567890123456789012 123456789012345678",
            "n{b=\"q\"} 76.49005193442345 1234567890123456789",
            "o .5\r",
            "o{c=\"1\"} 1.\t",
            "");
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    List<ParsedSample> plain = TextFormatParser.parse(text, ExpositionFormat.PROMETHEUS_TEXT)
        .samples();
    SeriesCache cache = new SeriesCache(new LabelMerger(Labels.of(), false));

    for (int round = 0; round < 3; round++) {
      cache.beginScrape();
      List<ParsedSample> cached =
          TextFormatParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT, cache).samples();
      cache.endScrape();
      assertThat(cached).as("round %d", round).hasSameSizeAs(plain);
      for (int i = 0; i < plain.size(); i++) {
        ParsedSample p = plain.get(i);
        ParsedSample c = cached.get(i);
        assertThat((Object) c.labels()).isEqualTo(p.labels());
        assertThat(Double.doubleToRawLongBits(c.value()))
            .as("round %d, %s", round, p)
            .isEqualTo(Double.doubleToRawLongBits(p.value()));
        assertThat(c.hasTimestamp()).isEqualTo(p.hasTimestamp());
        assertThat(c.timestamp()).isEqualTo(p.timestamp());
      }
    }
    assertThat(plain).hasSize(11);
    assertThat(plain.get(8).timestamp()).isEqualTo(1234567890123456789L);
    assertThat(cache.size()).isEqualTo(11 + 1); // the series and the TYPE line
  }

  @Test
  void parsesOnlyTheBodysLengthOfAReusedBuffer() throws ParseException {
    // A scrape reads into a buffer it keeps, so the bytes after the body are a longer, earlier
    // body: the parse must end at the length, neither reading on nor failing on the stale tail.
    byte[] buffer =
        "a 1\nb{x=\"1\"} 2\nstale_tail{ 3 garbage\n\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    int length = "a 1\nb{x=\"1\"} 2\n".length();
    SeriesCache cache = new SeriesCache(new LabelMerger(Labels.of(), false));
    ScrapedSamples out = new ScrapedSamples();

    for (int round = 0; round < 2; round++) { // cold cache, then the byte-level path
      cache.beginScrape();
      TextFormatParser.parse(buffer, length, ExpositionFormat.PROMETHEUS_TEXT, cache, out);
      cache.endScrape();
      assertThat(out.size()).as("round %d", round).isEqualTo(2);
      assertThat((Object) out.series(1).labels).isEqualTo(Labels.of("__name__", "b", "x", "1"));
      assertThat(out.value(1)).isEqualTo(2.0);
    }
  }

  @Test
  void reportsAnErrorInsideTheBodysLengthAsTheBodyAloneWould() {
    String body = "a 1\nb{x=1} 2\n";
    byte[] buffer = (body + "longer earlier body\n").getBytes(StandardCharsets.UTF_8);
    SeriesCache cache = new SeriesCache(new LabelMerger(Labels.of(), false));
    String alone =
        org.junit.jupiter.api.Assertions.assertThrows(
                ParseException.class,
                () -> TextFormatParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT))
            .getMessage();

    assertThatThrownBy(
            () ->
                TextFormatParser.parse(
                    buffer,
                    body.length(),
                    ExpositionFormat.PROMETHEUS_TEXT,
                    cache,
                    new ScrapedSamples()))
        .isInstanceOfSatisfying(
            ParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.getMessage()).isEqualTo(alone);
            });
  }

  @Test
  void rejectsInvalidUtf8NamingItsPosition() {
    byte[] body = "ok 1\nbad{a=\"\u00ff\"} 1\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> TextFormatParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT))
        .isInstanceOfSatisfying(
            ParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(8);
              assertThat(e.reason()).isEqualTo("invalid UTF-8");
            });
  }

  @Test
  void requiresTheOpenMetricsEofMarkerAndNothingAfterIt() {
    assertThatThrownBy(() -> TextFormatParser.parse("a 1\n", ExpositionFormat.OPENMETRICS))
        .isInstanceOf(ParseException.class)
        .hasMessage("line 1, column 1: data does not end with # EOF");
    assertThatThrownBy(
            () -> TextFormatParser.parse("a 1\n# EOF\nb 2\n", ExpositionFormat.OPENMETRICS))
        .isInstanceOf(ParseException.class)
        .hasMessage("line 3, column 1: unexpected content after # EOF");
  }

  @Test
  void treatsEofAsAnOrdinaryCommentInTheTextFormat() throws Exception {
    assertThat(TextFormatParser.parse("# EOF\na 1\n", ExpositionFormat.PROMETHEUS_TEXT).samples())
        .hasSize(1);
  }

  @Test
  void recognisesTheFormatFromTheContentType() {
    assertThat(
            ExpositionFormat.fromContentType(
                "application/openmetrics-text; version=1.0.0; charset=utf-8"))
        .isEqualTo(ExpositionFormat.OPENMETRICS);
    assertThat(ExpositionFormat.fromContentType("text/plain; version=0.0.4; charset=utf-8"))
        .isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(ExpositionFormat.fromContentType(null)).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(ExpositionFormat.fromContentType(" Application/OpenMetrics-Text\t;version=1.0.0"))
        .isEqualTo(ExpositionFormat.OPENMETRICS);
    assertThat(ExpositionFormat.fromContentType("application/openmetrics-text"))
        .isEqualTo(ExpositionFormat.OPENMETRICS);
    assertThat(ExpositionFormat.fromContentType("application/openmetrics-textual; v=1"))
        .isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(ExpositionFormat.fromContentType("application/openmetrics; -text"))
        .isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(ExpositionFormat.fromContentType("")).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(ExpositionFormat.fromContentType("application/json"))
        .isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
  }

  @Test
  void parsesPromtoolsSampleExpositionFromSharedData() throws Exception {
    Path file =
        SharedData.require("reference/prometheus-config/promtool-testdata/metrics-test.prom");
    long sampleLines =
        Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).count();

    Exposition e =
        TextFormatParser.parse(Files.readAllBytes(file), ExpositionFormat.PROMETHEUS_TEXT);

    assertThat(e.samples()).hasSize((int) sampleLines);
    assertThat(e.metadata().get("go_gc_duration_seconds").type()).isEqualTo("summary");
  }
}
