package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MeminfoParserTest {

  private final ParseIssues issues = new ParseIssues();

  @Test
  void turnsKilobyteFieldsIntoBytesWithBytesSuffix() {
    Map<String, Double> fields =
        MeminfoParser.parse(HostFixture.fixtureFile("proc/meminfo"), issues);

    // "MemTotal:       24684092 kB" -> 24684092 * 1024
    assertThat(fields).containsEntry("MemTotal_bytes", 25_276_510_208.0);
    assertThat(fields).containsEntry("Hugepagesize_bytes", 2048.0 * 1024);
  }

  @Test
  void keepsHugePageCountsWithoutSuffix() {
    Map<String, Double> fields =
        MeminfoParser.parse(HostFixture.fixtureFile("proc/meminfo"), issues);

    assertThat(fields)
        .containsKeys("HugePages_Total", "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp")
        .doesNotContainKey("HugePages_Total_bytes");
  }

  @Test
  void renamesParenthesizedFieldsAsNodeExporterDoes() {
    Map<String, Double> fields =
        MeminfoParser.parse(HostFixture.fixtureFile("proc/meminfo"), issues);

    assertThat(fields)
        .containsEntry("Active_anon_bytes", 1552.0 * 1024)
        .containsEntry("Inactive_file_bytes", 91800.0 * 1024)
        .doesNotContainKey("Active(anon)_bytes");
  }

  @Test
  void parsesEveryLineOfACapturedFile() {
    String text = HostFixture.fixtureFile("proc/meminfo");

    Map<String, Double> fields = MeminfoParser.parse(text, issues);

    assertThat(fields).hasSize((int) text.lines().count());
    assertThat(issues.isEmpty()).isTrue();
  }

  @Test
  void skipsMalformedLinesOnlyAndNamesThem() {
    Map<String, Double> fields =
        MeminfoParser.parse(HostFixture.variant("meminfo.malformed"), issues);

    assertThat(fields)
        .containsOnlyKeys("MemTotal_bytes", "Active_anon_bytes", "HugePages_Total")
        .containsEntry("HugePages_Total", 4.0);
    assertThat(issues.all()).extracting(ParseIssues.Issue::line).containsExactly(2, 3, 4);
    assertThat(issues.all().get(2).message()).contains("Cached", "MB");
  }

  @Test
  void readsFieldsWithoutTheirPaddingAndRenamesOnlyParenthesizedOnes() {
    Map<String, Double> fields =
        MeminfoParser.parse(
            "  MemFree :\t 12 kB \n\nActive(file):  3 kB\nHugePages_Free:   0\n", issues);

    assertThat(fields)
        .containsExactly(
            Map.entry("MemFree_bytes", 12.0 * 1024),
            Map.entry("Active_file_bytes", 3.0 * 1024),
            Map.entry("HugePages_Free", 0.0));
    assertThat(issues.isEmpty()).isTrue();
  }

  @Test
  void namesTheValueOrUnitThatIsWrong() {
    Map<String, Double> fields =
        MeminfoParser.parse("A:\nB: 1 kB extra\nC: x kB\n: 4\nD: 2 MB\n", issues);

    assertThat(fields).isEmpty();
    assertThat(issues.all())
        .extracting(ParseIssues.Issue::toString)
        .containsExactly(
            "1: A value \"\" is not an integer",
            "2: B has unknown unit \"extra\"",
            "3: C value \"x\" is not an integer",
            "4: expected \"Name: value [kB]\" but got \": 4\"",
            "5: D has unknown unit \"MB\"");
  }
}
