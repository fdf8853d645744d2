package dev.vigil.metrics.host;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the space and inode counts of the filesystem mounted at a path; may block on dead mounts.
 */
interface FsStatter {

  FsStats stat(Path mountPoint) throws IOException;

  /**
   * statvfs through JNA when JNA is on the class path (it comes with OSHI) and works, since only
   * that sees inode counts; otherwise {@link FileStoreStatter}, which needs nothing but the JDK.
   */
  static FsStatter detect() {
    try {
      Class.forName("com.sun.jna.platform.linux.LibC", false, FsStatter.class.getClassLoader());
      FsStatter jna = new JnaStatvfs();
      jna.stat(Path.of("/")); // loads the native library now, not during a scrape
      return jna;
    } catch (ReflectiveOperationException | LinkageError | IOException | RuntimeException e) {
      return new FileStoreStatter();
    }
  }
}
