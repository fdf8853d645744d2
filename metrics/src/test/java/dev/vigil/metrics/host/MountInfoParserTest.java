package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.metrics.host.MountInfoParser.MountInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoParserTest {

  private final ParseIssues issues = new ParseIssues();

  @Test
  void readsEveryMountOfACapturedTable() {
    String text = HostFixture.fixtureFile("proc/self/mountinfo");

    List<MountInfo> mounts = MountInfoParser.parse(text, issues);

    assertThat(mounts).hasSize((int) text.lines().count());
    // "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard,resv_strict,..."
    MountInfo root =
        mounts.stream().filter(m -> m.mountPoint().equals("/")).findFirst().orElseThrow();
    assertThat(root.fsType()).isEqualTo("ext4");
    assertThat(root.source()).isEqualTo("/dev/vda");
    assertThat(root.major()).isEqualTo(254);
    assertThat(root.minor()).isZero();
    assertThat(root.mountOptions()).containsExactly("rw", "relatime");
    assertThat(root.superOptions()).contains("rw", "discard");
  }

  @Test
  void findsTheSeparatorAfterOptionalFields() {
    List<MountInfo> mounts =
        MountInfoParser.parse(HostFixture.variant("mountinfo.escaped"), issues);

    // "45 27 8:17 / /mnt/my\040disk ro,relatime shared:5 master:2 - xfs /dev/sdb1 rw,attr2"
    MountInfo disk = mounts.get(1);
    assertThat(disk.fsType()).isEqualTo("xfs");
    assertThat(disk.source()).isEqualTo("/dev/sdb1");
    assertThat(disk.mountOptions()).containsExactly("ro", "relatime");
  }

  @Test
  void decodesOctalEscapesInMountPoints() {
    List<MountInfo> mounts =
        MountInfoParser.parse(HostFixture.variant("mountinfo.escaped"), issues);

    assertThat(mounts)
        .extracting(MountInfo::mountPoint)
        .contains("/mnt/my disk", "/srv/back\\slash");
  }

  @Test
  void skipsLinesWithoutSeparatorOrDeviceNumber() {
    List<MountInfo> mounts =
        MountInfoParser.parse(HostFixture.variant("mountinfo.escaped"), issues);

    assertThat(mounts).hasSize(4);
    assertThat(issues.all()).extracting(ParseIssues.Issue::line).containsExactly(5, 6);
    assertThat(issues.all().get(0).message()).contains("bad");
  }

  @Test
  void leavesABackslashThatIsNotAnEscapeAlone() {
    assertThat(MountInfoParser.unescape("a\\b\\04")).isEqualTo("a\\b\\04");
  }
}
