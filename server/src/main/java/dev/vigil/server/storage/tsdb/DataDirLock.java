package dev.vigil.server.storage.tsdb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds an exclusive OS lock on the {@code lock} file of a data directory, so two servers never
 * write the same WAL. The OS drops the lock when the process dies, even by {@code kill -9}, so a
 * stale file never blocks a restart (unlike a create-exclusive lock file).
 */
final class DataDirLock implements Closeable {

  static final String FILE_NAME = "lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir}.
   *
   * @throws IOException naming the lock file when another process (or this one) holds it
   */
  static DataDirLock acquire(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("cannot lock " + file + ": the data directory is in use by another"
          + " process (is another vigil-server running with this --storage.tsdb.path?)");
    }
    // The pid is for the humans debugging a lock conflict; the lock itself is the OS's.
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(
        (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
    return new DataDirLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
