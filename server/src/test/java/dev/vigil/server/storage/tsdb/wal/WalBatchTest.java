package dev.vigil.server.storage.tsdb.wal;

import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.decodeAll;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.payloads;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits framed in a reused buffer, as the head's commit log writes them. */
class WalBatchTest {

  @TempDir Path tmp;

  @Test
  void aReusedBatchWritesEveryRecordAcrossSegmentRollovers() throws Exception {
    Path dir = tmp.resolve("wal");
    List<byte[]> written = payloads(0, 300);
    WalBatch batch = new WalBatch(16);
    try (WalWriter w = WalWriter.open(dir, WalOptions.defaults().withSegmentSize(1024))) {
      for (int i = 0; i < written.size(); i += 3) {
        batch.clear();
        for (int k = i; k < i + 3; k++) {
          batch.beginRecord().writeBytes(written.get(k));
          batch.endRecord();
        }
        w.commit(batch);
      }
    }

    WalTestSupport.Replayed replayed = replay(dir);

    assertThat(replayed.records()).isEqualTo(decodeAll(written));
    assertThat(replayed.result().clean()).isTrue();
    assertThat(Segment.list(dir)).hasSizeGreaterThan(5);
  }

  @Test
  void refusesARecordThatWasNotEndedAndDropsAnEmptyOne() throws Exception {
    Path dir = tmp.resolve("wal");
    byte[] payload = WalTestSupport.payload(1);
    try (WalWriter w = WalWriter.open(dir, WalOptions.defaults())) {
      WalBatch batch = new WalBatch(16);
      batch.beginRecord().writeBytes(payload);
      assertThatThrownBy(() -> w.log(batch)).isInstanceOf(IllegalStateException.class);
      batch.endRecord();
      batch.beginRecord();
      assertThatThrownBy(batch::endRecord)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has 0 bytes");
      w.commit(batch);
    }

    assertThat(replay(dir).records()).isEqualTo(decodeAll(List.of(payload)));
  }
}
