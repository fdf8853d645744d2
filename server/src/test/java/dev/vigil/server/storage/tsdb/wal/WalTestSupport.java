package dev.vigil.server.storage.tsdb.wal;

import dev.vigil.server.storage.tsdb.wal.record.RecordDecoder;
import dev.vigil.server.storage.tsdb.wal.record.RecordEncoder;
import dev.vigil.server.storage.tsdb.wal.record.RefSample;
import dev.vigil.server.storage.tsdb.wal.record.WalRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Builds small real WALs and reads them back for the tests of this package. */
final class WalTestSupport {

  private WalTestSupport() {}

  /** A real samples record whose size grows with {@code i % 7}, so frames differ in length. */
  static byte[] payload(long i) {
    List<RefSample> samples = new ArrayList<>();
    for (int k = 0; k <= i % 7; k++) {
      samples.add(new RefSample(i, i * 1000 + k, i + k * 0.5));
    }
    return RecordEncoder.samples(samples);
  }

  static List<byte[]> payloads(int from, int count) {
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(payload(i));
    }
    return out;
  }

  /** Writes {@code count} records one commit each and closes the writer. */
  static List<byte[]> writeWal(Path dir, WalOptions options, int count) throws IOException {
    List<byte[]> written = payloads(0, count);
    try (WalWriter w = WalWriter.open(dir, options)) {
      for (byte[] p : written) {
        w.commit(List.of(p));
      }
    }
    return written;
  }

  static List<WalRecord> decodeAll(List<byte[]> payloads) throws IOException {
    List<WalRecord> out = new ArrayList<>();
    for (byte[] p : payloads) {
      out.add(RecordDecoder.decode(p));
    }
    return out;
  }

  /** A replay's result and the decoded records it delivered. */
  record Replayed(ReplayResult result, List<WalRecord> records) {}

  static Replayed replay(Path dir, WalStats stats) throws IOException {
    List<WalRecord> records = new ArrayList<>();
    ReplayResult result = WalReader.replay(dir, p -> records.add(RecordDecoder.decode(p)), stats);
    return new Replayed(result, records);
  }

  static Replayed replay(Path dir) throws IOException {
    return replay(dir, new WalStats());
  }

  /** Where one record's frame sits on disk. */
  record FrameLocation(Path file, long offset, int length, int recordIndex) {}

  /** The frame locations of every record in the WAL segments of {@code dir}, in log order. */
  static List<FrameLocation> frames(Path dir) throws IOException {
    List<FrameLocation> out = new ArrayList<>();
    for (Segment s : Segment.list(dir)) {
      long[] offset = {0};
      SegmentScanner.scan(s.path(), p -> {
        out.add(new FrameLocation(s.path(), offset[0], Frame.HEADER_BYTES + p.length,
            out.size()));
        offset[0] += Frame.HEADER_BYTES + p.length;
      });
    }
    return out;
  }

  static void truncate(Path file, long length) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(length);
    }
  }

  static void flipBit(Path file, long bit) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(bit / 8);
      int b = raf.read();
      raf.seek(bit / 8);
      raf.write(b ^ (1 << (bit % 8)));
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
