package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
  void parsesTheLabelsOnlyOnTheFirstSightOfASeriesText() throws ParseException {
    int[] parses = {0};
    TextFormatParser.LabelsParser counting =
        () -> {
          parses[0]++;
          return Labels.of("__name__", "m");
        };
    cache.beginScrape();
    cache.labels("m", counting);
    cache.endScrape();
    cache.beginScrape();
    cache.labels("m", counting);
    cache.labels("m", counting);
    cache.endScrape();

    assertThat(parses[0]).isEqualTo(1);
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
}
