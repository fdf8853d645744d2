package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parsers of one-line and key/value files: loadavg, file-nr, vmstat, pressure, smaps. */
class SmallParsersTest {

  private final ParseIssues issues = new ParseIssues();

  @Test
  void loadavgReadsTheThreeAverages() {
    Map<String, Double> loads =
        LoadavgParser.parse(HostFixture.fixtureFile("proc/loadavg"), issues);

    // Captured: "0.89 0.41 0.16 1/93 9740"
    assertThat(loads)
        .containsEntry("load1", 0.89)
        .containsEntry("load5", 0.41)
        .containsEntry("load15", 0.16);
  }

  @Test
  void loadavgSkipsAnAverageThatIsNotANumber() {
    Map<String, Double> loads = LoadavgParser.parse("0.5 NaN\n", issues);

    assertThat(loads).containsOnlyKeys("load1");
    assertThat(issues.all()).hasSize(2);
    assertThat(issues.all().get(0).message()).contains("load5", "NaN");
  }

  @Test
  void fileNrReadsAllocatedAndMaximumFromTabSeparatedFields() {
    Map<String, Double> values =
        FileNrParser.parse(HostFixture.fixtureFile("proc/sys/fs/file-nr"), issues);

    // Captured: "559\t0\t2466186"
    assertThat(values).containsEntry("allocated", 559.0).containsEntry("maximum", 2466186.0);
  }

  @Test
  void fileNrReadsTheLargestMaximumTheKernelPrints() {
    Map<String, Double> values = FileNrParser.parse("1\t0\t9223372036854775807\n", issues);

    assertThat(values).containsEntry("maximum", 9.223372036854775807E18);
  }

  @Test
  void fileNrRejectsATruncatedFile() {
    assertThat(FileNrParser.parse("5", issues)).isEmpty();
    assertThat(issues.all()).singleElement().extracting(ParseIssues.Issue::line).isEqualTo(1);
  }

  @Test
  void vmstatReadsEveryNameValueLine() {
    String text = HostFixture.fixtureFile("proc/vmstat");

    Map<String, Double> fields = VmstatParser.parse(text, issues);

    assertThat(fields).hasSize((int) text.lines().count()).containsEntry("pgfault", 2572546.0);
  }

  @Test
  void vmstatSkipsALineWithoutValue() {
    Map<String, Double> fields = VmstatParser.parse("pgfault 7\nbroken\noom_kill x\n", issues);

    assertThat(fields).containsOnlyKeys("pgfault");
    assertThat(issues.all()).extracting(ParseIssues.Issue::line).containsExactly(2, 3);
  }

  @Test
  void vmstatReadsPaddedLinesAndSkipsBlankOnes() {
    Map<String, Double> fields =
        VmstatParser.parse("  pgfault\t 7 \n\n   \npswpin 18446744073709551615", issues);

    assertThat(fields).containsEntry("pgfault", 7.0).containsEntry("pswpin", 1.8446744073709552E19);
    assertThat(issues.isEmpty()).isTrue();
  }

  @Test
  void vmstatNamesTheLineOfAThirdField() {
    Map<String, Double> fields = VmstatParser.parse("pgfault 7\n pgpgin 1 2 \n", issues);

    assertThat(fields).containsOnlyKeys("pgfault");
    assertThat(issues.all())
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.line()).isEqualTo(2);
              assertThat(issue.message()).contains("\"pgpgin 1 2\"");
            });
  }

  @Test
  void pressureReadsTheCumulativeTotalsInMicroseconds() {
    Map<String, Double> io =
        PressureParser.parse(HostFixture.fixtureFile("proc/pressure/io"), issues);

    assertThat(io).containsEntry("some", 2642091.0).containsEntry("full", 2233273.0);
  }

  @Test
  void pressureSkipsALineWithoutTotal() {
    Map<String, Double> totals =
        PressureParser.parse("some avg10=0.00 avg60=0.00\nfull total=12\n", issues);

    assertThat(totals).containsOnlyKeys("full");
    assertThat(issues.all()).singleElement().extracting(ParseIssues.Issue::line).isEqualTo(1);
  }

  @Test
  void pageSizeComesFromKernelPageSize() {
    Optional<Double> size =
        PageSizeParser.parse(HostFixture.fixtureFile("proc/self/smaps"), issues);

    assertThat(size).contains(4096.0);
  }
}
