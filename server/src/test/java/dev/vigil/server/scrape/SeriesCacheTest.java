package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesCacheTest {

  private static final Labels TARGET = Labels.of("job", "app", "instance", "h:1");

  private final SeriesCache cache = new SeriesCache(new LabelMerger(TARGET, false));

  private List<ParsedSample> scrape(String body) throws ParseException {
    cache.beginScrape();
    List<ParsedSample> samples =
        TextFormatParser.parse(
                body.getBytes(StandardCharsets.UTF_8), ExpositionFormat.PROMETHEUS_TEXT, cache)
            .samples();
    cache.endScrape();
    return samples;
  }

  @Test
  void returnsSamplesWithTheTargetLabelsMergedIn() throws ParseException {
    List<ParsedSample> samples = scrape("m{path=\"/\",job=\"x\"} 1\n");

    assertThat((Object) samples.get(0).labels())
        .isEqualTo(
            Labels.of(
                "__name__", "m", "path", "/", "job", "app", "instance", "h:1",
                "exported_job", "x"));
  }

  @Test
  void handsBackTheSameLabelSetWhileTheSeriesTextIsUnchanged() throws ParseException {
    Labels first = scrape("m{a=\"1\"} 1\nn 2\n").get(0).labels();
    Labels second = scrape("m{a=\"1\"} 5\nn 6\n").get(0).labels();

    assertThat((Object) second).isSameAs(first);
  }

  @Test
  void findsASeriesTextByItsBytesAnywhereInABody() {
    byte[] first = "# x\nm{a=\"1\"} 1\n".getBytes(StandardCharsets.UTF_8);
    byte[] later = "m{a=\"1\"} 2\n".getBytes(StandardCharsets.UTF_8);
    cache.beginScrape();
    SeriesCache.Entry e = cache.put(first, 4, 12, Labels.of("__name__", "m", "a", "1"));

    assertThat(cache.get(later, 0, 8)).isSameAs(e);
    assertThat(cache.get(later, 0, 7)).isNull();
    assertThat(cache.get(later, 1, 8)).isNull();
  }

  @Test
  void keepsEveryOneOfManySeriesAndForgetsOnlyThoseNotExposed() throws ParseException {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      all.append("m{i=\"").append(i).append("\"} ").append(i).append('\n');
    }
    List<ParsedSample> cold = scrape(all.toString());
    scrape("m{i=\"7\"} 1\nm{i=\"4999\"} 2\n");
    assertThat(cache.size()).isEqualTo(2);
    List<ParsedSample> warm = scrape(all.toString());

    assertThat(warm).isEqualTo(cold);
    assertThat(cold.get(4999).labels().get("i")).isEqualTo("4999");
    assertThat(cold.get(4999).value()).isEqualTo(4999.0);
    assertThat(cache.size()).isEqualTo(5000);
  }

  @Test
  void givesTheSameMetadataAsThePlainParserAndReusesItWhileTheCommentsStay() throws Exception {
    String body =
        "# HELP m Help with \\\\ and \\n.\n# TYPE m counter\n# plain comment\nm_total 1\n"
            + "# TYPE g gauge\ng 2\n";
    Map<String, MetricMetadata> plain =
        TextFormatParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT).metadata();

    Map<String, MetricMetadata> first = metadata(body);
    Map<String, MetricMetadata> second = metadata(body.replace("1\n", "5\n"));
    Map<String, MetricMetadata> changed = metadata(body.replace("g gauge", "g untyped"));

    assertThat(first).isEqualTo(plain);
    assertThat(first.get("m")).isEqualTo(new MetricMetadata("counter", "Help with \\ and \n."));
    assertThat(second).isSameAs(first);
    assertThat(changed.get("g").type()).isEqualTo("untyped");
    assertThat(changed.get("m")).isEqualTo(first.get("m"));
  }

  private Map<String, MetricMetadata> metadata(String body) throws ParseException {
    cache.beginScrape();
    Map<String, MetricMetadata> m =
        TextFormatParser.parse(
            body.getBytes(StandardCharsets.UTF_8),
            ExpositionFormat.PROMETHEUS_TEXT,
            cache,
            new ScrapedSamples());
    cache.endScrape();
    return m;
  }

  @Test
  void forgetsSeriesTheLastScrapeDidNotExpose() throws ParseException {
    scrape("a 1\nb 1\nc 1\n");
    scrape("a 2\n");

    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void keysOnTheExactTextSoQuotedBracesAndEscapesAreOneSeries() throws ParseException {
    List<ParsedSample> samples =
        scrape("m{a=\"}\",b=\"x\\\"y\"} 1\nm{a=\"}\", b=\"x\\\"y\"} 2\nm {a=\"}\"} 3\n");

    assertThat(samples.get(0).labels().get("a")).isEqualTo("}");
    assertThat(samples.get(0).labels().get("b")).isEqualTo("x\"y");
    // Different spelling, same label set: both texts resolve to equal labels.
    assertThat((Object) samples.get(1).labels()).isEqualTo(samples.get(0).labels());
    assertThat(samples.get(2).labels().get("b")).isNull();
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void findsEverySeriesWhenTheTargetReordersInsertsOrDropsLines() throws ParseException {
    List<ParsedSample> first = scrape("a 1\nb{x=\"1\"} 2\nc 3\nd 4\n");
    // Reordered, with a new series in the middle and one gone: the last scrape's order misleads.
    List<ParsedSample> second = scrape("d 14\nb{x=\"1\"} 12\nnew 10\na 11\n");

    assertThat(second)
        .extracting(ParsedSample::value)
        .containsExactly(14.0, 12.0, 10.0, 11.0);
    assertThat((Object) second.get(0).labels()).isSameAs(first.get(3).labels());
    assertThat((Object) second.get(1).labels()).isSameAs(first.get(1).labels());
    assertThat((Object) second.get(3).labels()).isSameAs(first.get(0).labels());
    assertThat(second.get(2).labels().get("__name__")).isEqualTo("new");
    assertThat(cache.size()).isEqualTo(4);
  }

  @Test
  void neverTakesTheExpectedNextSeriesForALineThatOnlyStartsLikeIt() throws ParseException {
    scrape("m{a=\"1\"} 1\nm 2\n");
    List<ParsedSample> swapped = scrape("m 3\nm{a=\"1\"} 4\nm{a=\"1\",b=\"2\"} 5\n");

    assertThat(swapped).extracting(s -> s.labels().get("a")).containsExactly(null, "1", "1");
    assertThat(swapped).extracting(s -> s.labels().get("b")).containsExactly(null, null, "2");
    assertThat(swapped).extracting(ParsedSample::value).containsExactly(3.0, 4.0, 5.0);
  }

  @Test
  void aScrapeThatFailsHalfwayDoesNotMisleadTheNextOne() throws ParseException {
    List<ParsedSample> first = scrape("a 1\nb 2\nc 3\n");
    cache.beginScrape();
    byte[] bad = "c 1\nb 2\nthis is not a sample\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                TextFormatParser.parse(
                    bad, ExpositionFormat.PROMETHEUS_TEXT, cache, new ScrapedSamples()))
        .isInstanceOf(ParseException.class);
    List<ParsedSample> after = scrape("a 4\nb 5\nc 6\n");

    assertThat(after).extracting(ParsedSample::value).containsExactly(4.0, 5.0, 6.0);
    for (int i = 0; i < 3; i++) {
      assertThat((Object) after.get(i).labels()).isSameAs(first.get(i).labels());
    }
  }

  /**
   * Bodies a target might send twice in a row, so that the second parse takes the expected-series
   * path: each must give exactly what the plain parser (no cache) gives for the same text.
   */
  @Test
  void aRepeatedBodyParsesExactlyAsThePlainParserReadsIt() throws ParseException {
    String[] bodies = {
      "a 1\nb{x=\"1\"} 2\n",
      "a 1\r\nb{x=\"1\"} 2 1700000000000\r\n# TYPE c counter\r\nc_total 3\r",
      "a\t1\t \nb{x=\"}\"}7 12 \nc 5",
      "m 1\nm {a=\"1\"} 2\nm{a=\"1\"} 3\nm_total 4\n",
      "g NaN\ng +Inf\ng -1.5e-3\ng 0.30000000000000004\n",
      "# HELP h a help line\n# TYPE h gauge\nh 1\n\n  h 2\n",
      "t 1 123\nt 2 123456789012345678\nu 3\t\t42\r\n",
    };
    for (String body : bodies) {
      SeriesCache fresh = new SeriesCache(new LabelMerger(TARGET, false));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 3; i++) {
        fresh.beginScrape();
        Exposition cached =
            TextFormatParser.parse(bytes, ExpositionFormat.PROMETHEUS_TEXT, fresh);
        fresh.endScrape();
        Exposition plain = TextFormatParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(cached.samples()).as("scrape %d of %s", i, body).hasSameSizeAs(plain.samples());
        for (int j = 0; j < plain.samples().size(); j++) {
          ParsedSample want = plain.samples().get(j);
          ParsedSample got = cached.samples().get(j);
          assertThat((Object) got.labels().without("job", "instance"))
              .as("labels of sample %d, scrape %d of %s", j, i, body)
              .isEqualTo(want.labels());
          assertThat(Double.doubleToRawLongBits(got.value()))
              .as("value of sample %d, scrape %d of %s", j, i, body)
              .isEqualTo(Double.doubleToRawLongBits(want.value()));
          assertThat(got.hasTimestamp()).isEqualTo(want.hasTimestamp());
          assertThat(got.timestamp()).isEqualTo(want.timestamp());
        }
        assertThat(cached.metadata()).isEqualTo(plain.metadata());
      }
    }
  }

  @Test
  void aRepeatedBodyWithABadLineStillFailsAtThatLine() throws ParseException {
    byte[] good = "a 1\nb 2\nc 3\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "a 1\nb 2 x\nc 3\n".getBytes(StandardCharsets.UTF_8);
    scrape("a 1\nb 2\nc 3\n");
    cache.beginScrape();

    assertThatThrownBy(
            () ->
                TextFormatParser.parse(
                    bad, ExpositionFormat.PROMETHEUS_TEXT, cache, new ScrapedSamples()))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith("line 2,");
    cache.beginScrape();
    ScrapedSamples out = new ScrapedSamples();
    TextFormatParser.parse(good, ExpositionFormat.PROMETHEUS_TEXT, cache, out);
    assertThat(out.size()).isEqualTo(3);
  }
}
