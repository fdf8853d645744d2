package dev.vigil.server.storage.tsdb.block;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The durable file-system steps of block handling: fsync, atomic publish of a {@code .tmp}
 * directory, atomic deletion through a {@code .deleted} rename, and a block's size on disk.
 */
public final class BlockFiles {

  /** Suffix of a block still being written; such directories are garbage after a crash. */
  public static final String TMP_SUFFIX = ".tmp";

  /** Suffix of a block being deleted; such directories are garbage after a crash. */
  public static final String DELETED_SUFFIX = ".deleted";

  private BlockFiles() {}

  /**
   * Deletes a block so that a crash leaves either the whole block or nothing readable: the
   * directory is first renamed (atomically) out of the set of block names, then removed.
   */
  public static void delete(Path blockDir) {
    try {
      Path gone = blockDir.resolveSibling(blockDir.getFileName() + DELETED_SUFFIX);
      Files.move(blockDir, gone, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(blockDir.getParent());
      deleteRecursively(gone);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete block " + blockDir, e);
    }
  }

  /**
   * Removes leftovers of interrupted writes and deletions ({@code *.tmp}, {@code *.deleted}) in
   * a data directory; called at startup before blocks are opened.
   */
  public static void cleanLeftovers(Path dataDir) {
    try (Stream<Path> dirs = Files.list(dataDir)) {
      for (Path p : (Iterable<Path>) dirs::iterator) {
        String n = p.getFileName().toString();
        if (n.endsWith(TMP_SUFFIX) || n.endsWith(DELETED_SUFFIX)) {
          deleteRecursively(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dataDir, e);
    }
  }

  /** Bytes of all files of a block. */
  public static long sizeOf(Path blockDir) {
    try (Stream<Path> files = Files.walk(blockDir)) {
      long total = 0;
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) {
          total += Files.size(p);
        }
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot size block " + blockDir, e);
    }
  }

  /** Renames {@code tmp} to {@code dest} atomically and makes the rename durable. */
  static void publish(Path tmp, Path dest) throws IOException {
    syncDirectory(tmp);
    Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(dest.getParent());
  }

  static void syncFile(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  static void syncDirectory(Path dir) throws IOException {
    boolean interrupted = Thread.interrupted(); // an interrupt would close the channel mid-call
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc)
              throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
