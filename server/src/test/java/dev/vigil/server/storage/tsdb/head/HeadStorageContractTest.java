package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.storage.Storage;
import dev.vigil.server.storage.StorageContractTest;

/** The storage contract, against a head small enough to cut chunks within the tests' data. */
class HeadStorageContractTest extends StorageContractTest {

  @Override
  protected Storage newStorage() {
    return new Head(HeadOptions.builder().samplesPerChunk(2).stripes(4).build());
  }
}
