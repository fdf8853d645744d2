package dev.vigil.metrics.host;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Filesystem sizes through {@link FileStore}, which calls statvfs but exposes no inode counts, so
 * {@code node_filesystem_files} and {@code files_free} are left out on this path.
 */
final class FileStoreStatter implements FsStatter {

  @Override
  public FsStats stat(Path mountPoint) throws IOException {
    FileStore store = Files.getFileStore(mountPoint);
    return new FsStats(
        store.getTotalSpace(),
        store.getUnallocatedSpace(),
        store.getUsableSpace(),
        Double.NaN,
        Double.NaN);
  }
}
