package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OsReleaseParserTest {

  private final ParseIssues issues = new ParseIssues();

  @Test
  void readsQuotedAndBareValuesOfACapturedFile() {
    Map<String, String> os =
        OsReleaseParser.parse(HostFixture.fixtureFile("rootfs/etc/os-release"), issues);

    assertThat(os)
        .containsEntry("PRETTY_NAME", "Debian GNU/Linux 12 (bookworm)")
        .containsEntry("ID", "debian")
        .containsEntry("VERSION_CODENAME", "bookworm");
    assertThat(issues.isEmpty()).isTrue();
  }

  @Test
  void handlesSingleQuotesEscapesAndComments() {
    Map<String, String> os =
        OsReleaseParser.parse(HostFixture.variant("os-release.quoted"), issues);

    assertThat(os)
        .containsEntry("PRETTY_NAME", "Fedora Linux 40 (Workstation Edition)")
        .containsEntry("VARIANT", "Workstation \"Edition\"")
        .containsEntry("VERSION_ID", "40");
  }

  @Test
  void skipsUnterminatedQuotesAndLinesWithoutKey() {
    Map<String, String> os =
        OsReleaseParser.parse(HostFixture.variant("os-release.quoted"), issues);

    assertThat(os).doesNotContainKey("BROKEN");
    assertThat(issues.all()).extracting(ParseIssues.Issue::line).containsExactly(8, 9);
    assertThat(issues.all().get(0).message()).contains("BROKEN", "unterminated", "position 1");
  }
}
