package dev.vigil.server.storage.tsdb.headchunks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.storage.tsdb.chunk.Chunk;
import dev.vigil.server.storage.tsdb.chunk.ChunkEncoding;
import dev.vigil.server.storage.tsdb.chunk.CompactChunkBuilder;
import dev.vigil.server.storage.tsdb.chunk.XorAppender;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadChunkStoreTest {

  private static final int SMALL_SEGMENT = 64 << 10;

  @TempDir Path dir;

  /** A chunk of {@code n} samples from {@code t0}, every second, with random full doubles. */
  private static Chunk xorChunk(long t0, int n, long seed) {
    Random r = new Random(seed);
    XorAppender a = new XorAppender(64);
    for (int i = 0; i < n; i++) {
      a.append(t0 + 1000L * i, r.nextDouble() * 1e6);
    }
    return a.seal();
  }

  private static List<String> samples(Chunk c) {
    List<String> out = new ArrayList<>();
    SampleIterator it = c.iterator();
    while (it.next()) {
      out.add(it.timestamp() + "=" + Long.toHexString(Double.doubleToRawLongBits(it.value())));
    }
    return out;
  }

  private static Map<ChunkEncoding, Chunk> oneChunkPerEncoding() {
    Map<ChunkEncoding, Chunk> chunks = new EnumMap<>(ChunkEncoding.class);
    XorAppender xor = new XorAppender(64);
    xor.append(1000, 1.5);
    xor.append(2000, Double.NaN);
    xor.append(3000, StaleNaN.VALUE);
    xor.append(4000, Double.NEGATIVE_INFINITY);
    xor.append(5000, -0.0);
    chunks.put(ChunkEncoding.XOR, xor.seal());
    CompactChunkBuilder ints = new CompactChunkBuilder();
    for (int i = 0; i < 120; i++) {
      ints.append(1000L * i, 17 * i);
    }
    chunks.put(ChunkEncoding.INT, ints.seal());
    return chunks;
  }

  @Test
  void returnsEveryEncodingsChunkBitForBit() throws IOException {
    Map<ChunkEncoding, Chunk> chunks = oneChunkPerEncoding();
    assertThat(chunks.keySet()).containsExactly(ChunkEncoding.values());
    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT)) {
      Map<ChunkEncoding, Long> addresses = new EnumMap<>(ChunkEncoding.class);
      long ref = 7;
      for (Map.Entry<ChunkEncoding, Chunk> e : chunks.entrySet()) {
        assertThat(e.getValue().encoding()).isEqualTo(e.getKey());
        addresses.put(e.getKey(), store.write(ref, 0, 1, e.getValue()));
      }
      for (ChunkEncoding enc : ChunkEncoding.values()) {
        Chunk back = store.chunk(ref, addresses.get(enc));
        assertThat(back.encoding()).isEqualTo(enc);
        assertThat(back.bytes()).isEqualTo(chunks.get(enc).bytes());
        assertThat(back.numSamples()).isEqualTo(chunks.get(enc).numSamples());
        assertThat(samples(back)).isEqualTo(samples(chunks.get(enc)));
      }
      assertThat(store.writeFailures()).isZero();
      assertThat(store.corruptions()).isZero();
    }
  }

  @Test
  void writesTheSegmentHeaderAndOneRecordPerChunk() throws IOException {
    Chunk c = xorChunk(0, 10, 1);
    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT)) {
      long address = store.write(42, 0, 9000, c);
      assertThat(address >>> 32).isEqualTo(1);
      assertThat((int) address).isEqualTo(HeadChunkStore.SEGMENT_HEADER_BYTES);
      long recordBytes = HeadChunkStore.RECORD_HEADER_BYTES + c.bytes().length + 4;
      assertThat(store.fileBytes()).isEqualTo(8 + recordBytes);
    }
    // Closing does not cut the current segment, whose file grows in whole steps.
    byte[] file = Files.readAllBytes(dir.resolve("00000001"));
    assertThat(file.length).isEqualTo(ChunkSegment.GROWTH_STEP);
    assertThat(new String(file, 0, 4, "US-ASCII")).isEqualTo("VHCH");
    assertThat(file[4]).isEqualTo((byte) 1);
    assertThat(file[8 + 7]).isEqualTo((byte) 42); // series ref, big-endian
    assertThat(file[8 + 24]).isEqualTo(ChunkEncoding.XOR.wireByte());
  }

  @Test
  void startsANewSegmentWhenTheNextRecordWouldPassTheCap() throws IOException {
    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT)) {
      List<Long> addresses = new ArrayList<>();
      List<Chunk> written = new ArrayList<>();
      for (int i = 0; i < 300; i++) { // ~1 KiB each: about five segments
        Chunk c = xorChunk(i * 120_000L, 120, i);
        written.add(c);
        addresses.add(store.write(i, i * 120_000L, i * 120_000L + 119_000, c));
      }
      assertThat(store.segments()).isGreaterThanOrEqualTo(4);
      for (int i = 0; i < written.size(); i++) {
        assertThat(samples(store.chunk(i, addresses.get(i)))).isEqualTo(samples(written.get(i)));
      }
      int last = (int) (addresses.get(addresses.size() - 1) >>> 32);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          int index = Integer.parseInt(f.getFileName().toString());
          if (index != last) { // finished segments are cut to their records, within the cap
            assertThat(Files.size(f)).isLessThanOrEqualTo(SMALL_SEGMENT);
            assertThat(Files.size(f)).isGreaterThan(SMALL_SEGMENT - 1200);
          }
        }
      }
    }
  }

  @Test
  void truncationDeletesOnlySegmentsWhoseChunksAllEndBeforeTheCut() throws IOException {
    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT)) {
      List<Long> addresses = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        long t0 = i * 120_000L;
        addresses.add(store.write(1, t0, t0 + 119_000, xorChunk(t0, 120, i)));
      }
      int segmentsBefore = store.segments();
      // The cut falls in the middle of the third segment: the first two go, the third stays.
      long thirdFirst = -1;
      for (int i = 0; i < addresses.size(); i++) {
        if (addresses.get(i) >>> 32 == 3) {
          thirdFirst = i;
          break;
        }
      }
      long cut = (thirdFirst + 2) * 120_000L;

      assertThat(store.truncateBefore(cut)).isEqualTo(2);

      assertThat(store.segments()).isEqualTo(segmentsBefore - 2);
      assertThat(dir.resolve("00000001")).doesNotExist();
      assertThat(dir.resolve("00000002")).doesNotExist();
      assertThat(dir.resolve("00000003")).exists();
      long kept = addresses.get((int) thirdFirst);
      assertThat(samples(store.chunk(1, kept))).hasSize(120);
      assertThatThrownBy(() -> store.chunk(1, addresses.get(0)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("names no segment");
    }
  }

  @Test
  void neverDeletesTheSegmentBeingWritten() throws IOException {
    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT)) {
      long a = store.write(1, 0, 1000, xorChunk(0, 2, 1));
      assertThat(store.truncateBefore(Long.MAX_VALUE)).isZero();
      assertThat(samples(store.chunk(1, a))).hasSize(2);
    }
  }

  @Test
  void aChunkTakenBeforeTruncationStaysReadableAfterItsFileIsDeleted() throws IOException {
    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT)) {
      Chunk original = xorChunk(0, 120, 3);
      long address = store.write(5, 0, 119_000, original);
      Chunk taken = store.chunk(5, address); // what a query's snapshot holds
      long t0 = 0;
      long next;
      do { // fill the first segment and roll over
        t0 += 120_000;
        next = store.write(6, t0, t0 + 119_000, xorChunk(t0, 120, t0));
      } while (next >>> 32 == 1);

      assertThat(store.truncateBefore(t0)).isEqualTo(1);

      assertThat(dir.resolve("00000001")).doesNotExist();
      assertThat(samples(taken)).isEqualTo(samples(original));
    }
  }

  @Test
  void detectsAFlippedByteByItsChecksumAndNamesTheFile() throws IOException {
    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT)) {
      Chunk c = xorChunk(0, 120, 9);
      long address = store.write(3, 0, 119_000, c);
      long good = store.write(3, 120_000, 239_000, xorChunk(120_000, 120, 10));
      try (RandomAccessFile f = new RandomAccessFile(dir.resolve("00000001").toFile(), "rw")) {
        long pos = (int) address + HeadChunkStore.RECORD_HEADER_BYTES + 40; // inside the chunk
        f.seek(pos);
        int b = f.read();
        f.seek(pos);
        f.write(b ^ 0x10);
      }

      Chunk damaged = store.chunk(3, address);
      assertThatThrownBy(damaged::iterator)
          .isInstanceOf(HeadChunkCorruptionException.class)
          .hasMessageContaining("series ref 3")
          .hasMessageContaining("00000001")
          .hasMessageContaining("offset " + (int) address)
          .hasMessageContaining("checksum mismatch");
      assertThat(store.corruptions()).isEqualTo(1);
      assertThat(samples(store.chunk(3, good))).hasSize(120); // the next record is intact
    }
  }

  @Test
  void refusesARecordOfAnotherSeries() throws IOException {
    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT)) {
      long address = store.write(3, 0, 1000, xorChunk(0, 2, 1));
      assertThatThrownBy(() -> store.chunk(4, address).iterator())
          .isInstanceOf(HeadChunkCorruptionException.class)
          .hasMessageContaining("belongs to series ref 3");
    }
  }

  @Test
  void keepsTheChunkWithTheCallerWhileTheDiskIsFull() throws IOException {
    boolean[] full = {false};
    HeadChunkStore.FileOpener opener = p -> new RandomAccessFile(p.toFile(), "rw") {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (full[0]) {
          super.write(b, off, len / 2); // part of the record lands, as with ENOSPC mid-write
          throw new IOException("No space left on device");
        }
        super.write(b, off, len);
      }
    };
    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT, opener)) {
      long first = store.write(1, 0, 1000, xorChunk(0, 2, 1));
      full[0] = true;

      assertThat(store.write(1, 2000, 3000, xorChunk(2000, 2, 2)))
          .isEqualTo(HeadChunkStore.NO_ADDRESS);
      assertThat(store.writeFailures()).isEqualTo(1);

      full[0] = false;
      Chunk later = xorChunk(4000, 2, 3);
      long next = store.write(1, 4000, 5000, later);
      // Written where the failed record started, over its partial bytes.
      assertThat(next).isEqualTo(first + HeadChunkStore.RECORD_HEADER_BYTES
          + xorChunk(0, 2, 1).bytes().length + HeadChunkStore.CRC_BYTES);
      assertThat(samples(store.chunk(1, next))).isEqualTo(samples(later));
      assertThat(samples(store.chunk(1, first))).hasSize(2);
    }
  }

  @Test
  void countsAFailureWhenNoSegmentCanBeCreated() throws IOException {
    HeadChunkStore.FileOpener opener = p -> {
      throw new IOException("Read-only file system");
    };
    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT, opener)) {
      assertThat(store.write(1, 0, 1000, xorChunk(0, 2, 1))).isEqualTo(HeadChunkStore.NO_ADDRESS);
      assertThat(store.writeFailures()).isEqualTo(1);
      assertThat(store.segments()).isZero();
    }
  }

  @Test
  void emptiesTheDirectoryAtOpenBecauseTheWalRebuildsIt() throws IOException {
    Files.write(dir.resolve("00000007"), new byte[] {1, 2, 3});
    Files.createDirectories(dir.resolve("stray/sub"));
    Files.write(dir.resolve("stray/sub/x"), new byte[] {4});

    try (HeadChunkStore store = HeadChunkStore.open(dir, SMALL_SEGMENT)) {
      try (Stream<Path> left = Files.list(dir)) {
        assertThat(left).isEmpty();
      }
      assertThat(store.write(1, 0, 1000, xorChunk(0, 2, 1)) >>> 32).isEqualTo(1);
    }
  }

  @Test
  void refusesASegmentSizeOutOfRange() {
    assertThatThrownBy(() -> HeadChunkStore.open(dir, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 KiB..1 GiB, got 1000");
  }
}
