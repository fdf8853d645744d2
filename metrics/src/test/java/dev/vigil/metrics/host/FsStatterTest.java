package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class FsStatterTest {

  @TempDir Path temp;

  @Test
  void usesStatvfsThroughJnaWhenJnaIsOnTheClassPath() {
    // The test class path has JNA (an optional dependency of this module), as OSHI users do.
    assertThat(FsStatter.detect()).isInstanceOf(JnaStatvfs.class);
  }

  @Test
  void jnaAndFileStoreAgreeOnTheSizeOfAFilesystem() throws IOException {
    FsStats jna = new JnaStatvfs().stat(temp);
    FsStats jdk = new FileStoreStatter().stat(temp);

    assertThat(jna.size()).isEqualTo(jdk.size());
    assertThat(jna.avail()).isLessThanOrEqualTo(jna.free()).isLessThanOrEqualTo(jna.size());
  }

  @Test
  void onlyJnaSeesInodeCounts() throws IOException {
    FsStats jna = new JnaStatvfs().stat(temp);
    FsStats jdk = new FileStoreStatter().stat(temp);

    assertThat(jna.files()).isPositive();
    assertThat(jna.filesFree()).isLessThanOrEqualTo(jna.files());
    assertThat(jdk.files()).isNaN();
  }

  @Test
  void jnaReportsErrnoAsGoPrintsIt() {
    assertThatThrownBy(() -> new JnaStatvfs().stat(temp.resolve("missing")))
        .isInstanceOf(IOException.class)
        .hasMessage("no such file or directory");
  }
}
