package dev.vigil.server.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Damages files in place the way disks and crashes do, for corruption and recovery tests. */
public final class FileDamage {

  private FileDamage() {}

  /** XORs the byte at {@code offset} with 0x5a, so it surely changes. */
  public static void flipByte(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x5a);
    }
  }

  /** Cuts the last {@code bytes} bytes off, as a crash in the middle of a write leaves it. */
  public static void tear(Path file, long bytes) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - bytes);
    }
  }
}
