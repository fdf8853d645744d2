package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.Storage;
import dev.vigil.server.storage.StorageContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The TSDB, WAL included, honours the same storage contract as the in-memory stores. */
class TsdbStorageContractTest extends StorageContractTest {

  @TempDir Path dir;

  @Override
  protected Storage newStorage() {
    try {
      return Tsdb.open(dir.resolve("data"), TsdbOptions.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
