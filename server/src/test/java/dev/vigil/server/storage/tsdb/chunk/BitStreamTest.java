package dev.vigil.server.storage.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitStreamTest {

  @Test
  void writesMostSignificantBitFirst() {
    BitWriter w = new BitWriter(1);
    w.writeBit(true);
    w.writeBits(0b0110, 4);
    w.writeBits(0b101, 3);

    assertThat(w.toByteArray()).containsExactly((byte) 0b1011_0101);
    assertThat(w.bitLength()).isEqualTo(8);
  }

  @Test
  void roundTripsRandomWidthsAcrossByteBoundaries() {
    Random random = new Random(42);
    int n = 5_000;
    int[] widths = new int[n];
    long[] values = new long[n];
    BitWriter w = new BitWriter(1);
    for (int i = 0; i < n; i++) {
      widths[i] = random.nextInt(65);
      long mask = widths[i] == 64 ? -1L : (1L << widths[i]) - 1;
      values[i] = random.nextLong() & mask;
      w.writeBits(values[i], widths[i]);
    }
    BitReader r = new BitReader(w.toByteArray(), 0, w.byteLength());
    for (int i = 0; i < n; i++) {
      assertThat(r.readBits(widths[i]))
          .as("value %d of width %d", i, widths[i])
          .isEqualTo(values[i]);
    }
  }

  @Test
  void writesOnlyTheLowBitsOfWideValues() {
    BitWriter w = new BitWriter(1);
    w.writeBits(-1L, 3);
    w.writeBits(0, 5);

    assertThat(w.toByteArray()).containsExactly((byte) 0b1110_0000);
  }

  @Test
  void roundTripsVarintsAtTheirExtremes() {
    long[] signed = {
      0, 1, -1, 63, -64, 64, -65, Long.MAX_VALUE, Long.MIN_VALUE, 1_700_000_000_000L
    };
    long[] unsigned = {0, 127, 128, 16_383, 16_384, -1L, Long.MIN_VALUE};
    BitWriter w = new BitWriter(1);
    w.writeBit(true); // varints also work unaligned
    for (long v : signed) {
      w.writeVarint(v);
    }
    for (long v : unsigned) {
      w.writeUvarint(v);
    }
    BitReader r = new BitReader(w.toByteArray(), 0, w.byteLength());
    assertThat(r.readBit()).isTrue();
    for (long v : signed) {
      assertThat(r.readVarint()).isEqualTo(v);
    }
    for (long v : unsigned) {
      assertThat(r.readUvarint()).isEqualTo(v);
    }
  }

  @Test
  void keepsSmallVarintsShort() {
    BitWriter w = new BitWriter(1);
    w.writeVarint(-64);
    w.writeUvarint(127);

    assertThat(w.byteLength()).isEqualTo(2);
  }

  @Test
  void failsReadingPastTheEndWithTheBitOffset() {
    BitReader r = new BitReader(new byte[] {1, 2}, 0, 2);
    r.readBits(12);

    assertThatThrownBy(() -> r.readBits(5))
        .isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("bit 12")
        .hasMessageContaining("wanted 5 bits, 4 left");
  }

  @Test
  void rejectsOverlongVarint() {
    byte[] bytes = new byte[12];
    java.util.Arrays.fill(bytes, (byte) 0x80);
    BitReader r = new BitReader(bytes, 0, bytes.length);

    assertThatThrownBy(r::readUvarint)
        .isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("varint longer than 10 bytes");
  }

  @Test
  void rejectsBitCountsOutsideALong() {
    BitWriter w = new BitWriter(1);

    assertThatThrownBy(() -> w.writeBits(0, 65)).hasMessageContaining("65 outside 0..64");
  }

  @Test
  void doublesAFullBufferUntilEnoughSamplesProjectTheChunksSize() {
    // 10 samples in 40 bytes: too few to project from, so the buffer doubles.
    assertThat(BitWriter.grownCapacity(41, 40, 33, 10, 120)).isEqualTo(80);
    // No expected count (block writing): always doubles.
    assertThat(BitWriter.grownCapacity(81, 80, 73, 40, 0)).isEqualTo(160);
  }

  @Test
  void growsAFullBufferToTheProjectedChunkSizeOnceSamplesShowTheRate() {
    // 40 samples took 80 bytes: 120 samples project to 240, plus an eighth and the spare word.
    assertThat(BitWriter.grownCapacity(89, 88, 80, 40, 120)).isEqualTo(240 + 30 + 8);
    // Past the expected count the chunk goes on: doubling again.
    assertThat(BitWriter.grownCapacity(300, 290, 282, 130, 120)).isEqualTo(580);
  }

  @Test
  void growsByAtLeastAnEighthAndAtMostFourfoldWhateverTheProjection() {
    // The projection (100 * 20 / 19 = 105, an eighth more and the spare word: 126) is below what
    // is needed plus an eighth (120 + 15): the latter wins.
    assertThat(BitWriter.grownCapacity(120, 119, 100, 19, 20)).isEqualTo(135);
    // A steep projection from a costly start is capped at four times the old size.
    assertThat(BitWriter.grownCapacity(41, 40, 600, 16, 120)).isEqualTo(160);
  }

  @Test
  void peekTailReadsTheByteAtTheWritePosition() {
    BitWriter w = new BitWriter(1); // 1 + 8 spare bytes
    w.writeBits(0b101, 3);
    assertThat(w.peekTail()).isEqualTo((byte) 0b1010_0000);
    w.writeBits(0xFF, 5);
    assertThat(w.peekTail()).isZero(); // the next byte, not written yet
    for (int i = 0; i < 8; i++) {
      w.writeByte(0x7F);
    }
    assertThat(w.peekTail()).isZero();
  }
}
