package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.metrics.host.DiskstatsParser.DiskStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiskstatsParserTest {

  private final ParseIssues issues = new ParseIssues();

  @Test
  void readsDeviceNumbersNameAndAllSeventeenColumnsOfACurrentKernel() {
    List<DiskStats> disks =
        DiskstatsParser.parse(HostFixture.fixtureFile("proc/diskstats"), issues);

    DiskStats vda = disks.stream().filter(d -> d.device().equals("vda")).findFirst().orElseThrow();
    // " 254 0 vda 25715 6106 1815618 35330 2735 13306 1474304 12893 0 5848 48641 3557 39 52072 417
    // 8 0"
    assertThat(vda.major()).isEqualTo(254);
    assertThat(vda.minor()).isZero();
    assertThat(vda.values()).hasSize(17);
    assertThat(vda.values().get(0)).isEqualTo(25715.0);
    assertThat(vda.values().get(2)).isEqualTo(1815618.0);
    assertThat(vda.values().get(15)).isEqualTo(8.0);
    assertThat(issues.isEmpty()).isTrue();
  }

  @Test
  void keepsTheShorterRowsOfOlderKernels() {
    List<DiskStats> disks =
        DiskstatsParser.parse(HostFixture.variant("diskstats.kernel-4.18"), issues);

    assertThat(disks)
        .extracting(DiskStats::device)
        .containsExactly("sda", "sda1", "nvme0n1", "nvme0n1p1", "sdb");
    assertThat(disks.get(0).values()).hasSize(15);
  }

  @Test
  void marksAMalformedValueAsUnknownWithoutShiftingTheOthers() {
    List<DiskStats> disks =
        DiskstatsParser.parse(HostFixture.variant("diskstats.kernel-4.18"), issues);

    DiskStats sdb = disks.get(4);
    assertThat(sdb.values().get(0)).isEqualTo(5.0);
    assertThat(sdb.values().get(1)).isNaN();
    assertThat(sdb.values().get(2)).isEqualTo(7.0);
    assertThat(issues.all())
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.line()).isEqualTo(5);
              assertThat(issue.message()).contains("sdb", "oops");
            });
  }
}
