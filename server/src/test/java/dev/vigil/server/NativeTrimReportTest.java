package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NativeTrimReportTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // What JDK 17.0.15 answered on this machine (jcmd <pid> System.trim_native_heap).
        "Trim native heap: RSS+Swap: 83980K->71760K (-12220K)  | 85995520   | 73482240",
        // Under 100 KiB HotSpot prints bytes.
        "Trim native heap: RSS+Swap: 48592K->48552K (-40960B)  | 49758208   | 49717248",
        "Trim native heap: RSS+Swap: 271M->223M (-49112K)      | 284164096  | 233832448",
        "Trim native heap: RSS+Swap: 102G->101G (-1G)          | 109521666048 | 108447924224",
        "Done. RSS+Swap reduction: 83M->71M (-12M))            | 87031808   | 74448896",
        "RSS before: 83980k, after: 71760k, (-12220k)          | 85995520   | 73482240",
      })
  void readsBeforeAndAfterFromEveryKnownWording(String output, long before, long after) {
    assertThat(NativeTrimReport.parse(output))
        .contains(new NativeTrimReport(before, after));
  }

  @Test
  void findsTheFiguresAfterTheOlderWordingsPreamble() {
    String output =
        "Attempting trim...\nDone.\nVirtual size before: 6000000k, after: 6000000k, (0k)\n"
            + "RSS before: 83980k, after: 71760k, (-12220k)\n";

    assertThat(NativeTrimReport.parse(output).map(NativeTrimReport::releasedBytes))
        .contains(12220L << 10);
  }

  @Test
  void countsGrowthDuringTheTrimAsNothingReleased() {
    NativeTrimReport grew =
        NativeTrimReport.parse("Trim native heap: RSS+Swap: 48956K->48960K (+4096B)").orElseThrow();

    assertThat(grew.releasedBytes()).isZero();
  }

  @Test
  void hasNoFiguresWhenTheJvmGaveNone() {
    assertThat(NativeTrimReport.parse("Trim native heap: (no details available).")).isEmpty();
    assertThat(NativeTrimReport.parse("Done (no details available).")).isEmpty();
  }

  @Test
  void recognisesALibcThatCannotTrim() {
    assertThat(NativeTrimReport.unavailable("Not available.\n")).isTrue();
    assertThat(NativeTrimReport.unavailable("Trim native heap: RSS+Swap: 1M->1M (+0B)")).isFalse();
  }
}
