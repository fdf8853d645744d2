package dev.vigil.server.storage.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bucket table of docs/format/chunks.md: which dod lands where and what it costs. */
class DodBucketTest {

  @ParameterizedTest(name = "dod {0} -> {1}, {2} bits")
  @CsvSource({
    "0, ZERO, 1",
    "1, JITTER, 6",
    "-1, JITTER, 6",
    "7, JITTER, 6",
    "-8, JITTER, 6",
    "8, LATE, 13",
    "-9, LATE, 13",
    "511, LATE, 13",
    "-512, LATE, 13",
    "512, GAP, 21",
    "-513, GAP, 21",
    "15000, GAP, 21",
    "-60000, GAP, 21",
    "65535, GAP, 21",
    "-65536, GAP, 21",
    "65536, FULL, 68",
    "-65537, FULL, 68",
    "86400000, FULL, 68",
    "9223372036854775807, FULL, 68",
    "-9223372036854775808, FULL, 68",
  })
  void choosesTheSmallestBucketAndRoundTrips(long dod, DodBucket bucket, int bits) {
    BitWriter w = new BitWriter(1);
    w.writeBit(true); // start unaligned, as in a real chunk
    DodBucket.forDod(dod).write(w, dod);

    assertThat(DodBucket.forDod(dod)).isEqualTo(bucket);
    assertThat(w.bitLength() - 1).isEqualTo(bits);
    BitReader r = new BitReader(w.toByteArray(), 0, w.byteLength());
    r.readBit();
    assertThat(DodBucket.read(r)).isEqualTo(dod);
  }
}
