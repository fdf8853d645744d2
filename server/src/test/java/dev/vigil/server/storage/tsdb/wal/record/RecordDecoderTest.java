package dev.vigil.server.storage.tsdb.wal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.vigil.server.model.Labels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

  private static final byte[] SERIES = RecordEncoder.series(List.of(
      new RefSeries(10, Labels.of("__name__", "up", "job", "node")),
      new RefSeries(11, Labels.of("__name__", "up", "job", "api"))));

  private static final byte[] SAMPLES_RAW = RecordEncoder.samples(List.of(
      new RefSample(10, 1000, 0.123456789), new RefSample(11, 1000, 9.87654321e-3)));

  private static final byte[] SAMPLES_VARINT = RecordEncoder.samples(List.of(
      new RefSample(10, 1000, 1), new RefSample(11, 1000, 0)));

  @Test
  void rejectsEveryTruncationOfAValidRecord() {
    for (byte[] valid : List.of(SERIES, SAMPLES_RAW, SAMPLES_VARINT)) {
      for (int len = 0; len < valid.length; len++) {
        byte[] cut = Arrays.copyOf(valid, len);
        assertThatThrownBy(() -> RecordDecoder.decode(cut))
            .as("prefix of %d bytes", len)
            .isInstanceOf(CorruptRecordException.class);
      }
    }
  }

  @Test
  void rejectsTrailingBytes() {
    byte[] longer = Arrays.copyOf(SAMPLES_VARINT, SAMPLES_VARINT.length + 1);

    assertThatThrownBy(() -> RecordDecoder.decode(longer))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("1 unexpected trailing bytes");
  }

  @Test
  void rejectsHugeCountsBeforeAllocating() {
    // type, flags, then a sample count of 2^62 in a 12-byte payload.
    byte[] payload = {RecordType.SAMPLES.wire(), 0, (byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x40, 0};

    assertThatThrownBy(() -> RecordDecoder.decode(payload))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("SAMPLES record, header, sample count: count 4611686018427387904"
            + " exceeds what the remaining 1 bytes can hold");
  }

  @Test
  void rejectsVarintsLongerThanSixtyFourBits() {
    byte[] payload = new byte[13];
    payload[0] = RecordType.SERIES.wire();
    Arrays.fill(payload, 1, 12, (byte) 0xff);

    assertThatThrownBy(() -> RecordDecoder.decode(payload))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("varint overflows 64 bits starting at byte 1");
  }

  @Test
  void namesTheEntryAndPositionOfTheProblem() {
    // Timestamps far apart, so the cut payload still has room for the announced count.
    byte[] valid = RecordEncoder.samples(List.of(
        new RefSample(10, 1_700_000_000_000L, 0.1), new RefSample(11, 1_800_000_000_000L, 0.2)));
    byte[] cut = Arrays.copyOf(valid, valid.length - 3);

    assertThatThrownBy(() -> RecordDecoder.decode(cut))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageStartingWith("SAMPLES record, sample 1 of 2, value: truncated 8-byte value");
  }

  @Test
  void rejectsUnknownAndReservedTypes() {
    assertThatThrownBy(() -> RecordDecoder.decode(new byte[] {0}))
        .hasMessageContaining("unknown record type byte 0x0 at byte 0");
    assertThatThrownBy(() -> RecordDecoder.decode(new byte[] {(byte) 0xee, 1}))
        .hasMessageContaining("unknown record type byte 0xee");
    assertThatThrownBy(() -> RecordDecoder.decode(new byte[] {RecordType.TOMBSTONES.wire()}))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("TOMBSTONES");
    assertThatThrownBy(() -> RecordDecoder.series(SAMPLES_RAW))
        .hasMessage("expected a SERIES record, found SAMPLES");
  }

  @Test
  void rejectsUnknownSampleFlags() {
    byte[] flagged = SAMPLES_VARINT.clone();
    flagged[1] = (byte) 0x83;

    assertThatThrownBy(() -> RecordDecoder.decode(flagged))
        .hasMessageContaining("unknown flag bits 0x83");
  }

  @Test
  void rejectsSymbolIndexesOutsideTheTable() {
    // type, 1 symbol "a", 1 series, ref delta 0, 1 label, name index 0, value index 5.
    byte[] payload = {RecordType.SERIES.wire(), 1, 1, 'a', 1, 0, 1, 0, 5};

    assertThatThrownBy(() -> RecordDecoder.decode(payload))
        .hasMessageContaining("series 0 of 1, label 0 value: symbol index 5 outside table of 1");
  }

  @Test
  void rejectsLabelsThatAreNotStrictlySorted() {
    // symbols "b", "a", "v"; labels b=v then a=v.
    byte[] payload = {RecordType.SERIES.wire(), 3, 1, 'b', 1, 'a', 1, 'v', 1, 0, 2, 0, 2, 1, 2};

    assertThatThrownBy(() -> RecordDecoder.decode(payload))
        .hasMessageContaining("label names not strictly ascending");
  }

  @Test
  void rejectsEmptyLabelValues() {
    // symbols "a", ""; label a="".
    byte[] payload = {RecordType.SERIES.wire(), 2, 1, 'a', 0, 1, 0, 1, 0, 1};

    assertThatThrownBy(() -> RecordDecoder.decode(payload))
        .hasMessageContaining("empty label name or value");
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] payload = {RecordType.SERIES.wire(), 1, 2, (byte) 0xc3, (byte) 0x28, 0};

    assertThatThrownBy(() -> RecordDecoder.decode(payload))
        .hasMessageContaining("symbol 0 of 1, bytes: invalid UTF-8 in string starting at byte 2");
  }

  @Test
  void turnsRandomGarbageIntoCorruptRecordExceptionsOnly() {
    Random random = new Random(1234);
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] garbage = new byte[random.nextInt(64)];
      random.nextBytes(garbage);
      if (garbage.length > 0 && random.nextBoolean()) {
        garbage[0] = random.nextBoolean() ? RecordType.SERIES.wire() : RecordType.SAMPLES.wire();
      }
      try {
        RecordDecoder.decode(garbage);
        decoded++;
      } catch (CorruptRecordException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      } catch (RuntimeException e) {
        fail("garbage " + Arrays.toString(garbage) + " threw " + e, e);
      }
    }
    // Some short random inputs are valid records (e.g. an empty samples record); most are not.
    assertThat(decoded).isLessThan(20_000 / 2);
  }

  @Test
  void turnsEverySingleBitFlipIntoAnExceptionOrAValidRecord() {
    for (byte[] valid : List.of(SERIES, SAMPLES_RAW, SAMPLES_VARINT)) {
      for (int bit = 0; bit < valid.length * 8; bit++) {
        byte[] flipped = valid.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        try {
          RecordDecoder.decode(flipped);
        } catch (CorruptRecordException expected) {
          // fine: rejected with a message
        } catch (RuntimeException e) {
          fail("flipping bit " + bit + " threw " + e, e);
        }
      }
    }
  }
}
