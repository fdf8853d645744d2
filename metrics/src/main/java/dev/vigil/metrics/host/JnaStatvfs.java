package dev.vigil.metrics.host;

import com.sun.jna.Native;
import com.sun.jna.platform.linux.LibC;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * statvfs(3) through JNA's libc binding. Only loaded when JNA is present; {@link FsStatter#detect}
 * guards every reference.
 */
final class JnaStatvfs implements FsStatter {

  /** The errno texts Go prints, so {@code device_error} labels read like node_exporter's. */
  private static final Map<Integer, String> ERRNO_TEXT =
      Map.of(
          1, "operation not permitted",
          2, "no such file or directory",
          5, "input/output error",
          13, "permission denied",
          20, "not a directory",
          38, "function not implemented",
          107, "transport endpoint is not connected",
          116, "stale NFS file handle");

  @Override
  public FsStats stat(Path mountPoint) throws IOException {
    LibC.Statvfs buf = new LibC.Statvfs();
    if (LibC.INSTANCE.statvfs(mountPoint.toString(), buf) != 0) {
      int errno = Native.getLastError();
      throw new IOException(ERRNO_TEXT.getOrDefault(errno, "errno " + errno));
    }
    // f_frsize is the unit of the block counts (POSIX); it equals statfs' f_bsize on Linux.
    double unit = unsigned(buf.f_frsize.longValue());
    return new FsStats(
        unsigned(buf.f_blocks.longValue()) * unit,
        unsigned(buf.f_bfree.longValue()) * unit,
        unsigned(buf.f_bavail.longValue()) * unit,
        unsigned(buf.f_files.longValue()),
        unsigned(buf.f_ffree.longValue()));
  }

  private static double unsigned(long value) {
    return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
  }
}
