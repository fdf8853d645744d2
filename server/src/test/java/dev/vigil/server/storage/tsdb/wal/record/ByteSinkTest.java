package dev.vigil.server.storage.tsdb.wal.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByteSinkTest {

  @Test
  void predictsTheLengthOfEveryUvarintItWrites() {
    long[] values = {0, 1, 127, 128, 16_383, 16_384, 1L << 35, (1L << 56) - 1, 1L << 56,
        Long.MAX_VALUE, -1, Long.MIN_VALUE};
    for (long v : values) {
      ByteSink sink = new ByteSink(0);
      sink.writeUvarint(v);

      assertThat(ByteSink.uvarintSize(v)).as("%d", v).isEqualTo(sink.length());
    }
  }

  @Test
  void encodesTheSameBytesAfterBeingTruncatedForReuse() {
    ByteSink reused = new ByteSink(0);
    RecordEncoder.samples(columns(), reused);
    byte[] first = reused.toByteArray();
    reused.truncate(0);
    RecordEncoder.samples(columns(), reused);

    assertThat(reused.toByteArray()).isEqualTo(first);
    assertThat(first).isEqualTo(
        RecordEncoder.samples(List.of(new RefSample(7, 1000, 0.5), new RefSample(9, 1000, 1e300))));
  }

  private static SampleColumns columns() {
    long[] refs = {7, 9};
    long[] times = {1000, 1000};
    long[] bits = {Double.doubleToRawLongBits(0.5), Double.doubleToRawLongBits(1e300)};
    return new SampleColumns() {
      @Override
      public int size() {
        return 2;
      }

      @Override
      public long ref(int i) {
        return refs[i];
      }

      @Override
      public long timestamp(int i) {
        return times[i];
      }

      @Override
      public long valueBits(int i) {
        return bits[i];
      }
    };
  }
}
