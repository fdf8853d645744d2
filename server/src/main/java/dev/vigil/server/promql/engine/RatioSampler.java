package dev.vigil.server.promql.engine;

import dev.vigil.server.model.Label;
import dev.vigil.server.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The series sampling of {@code limit_ratio}, identical to Prometheus's so that {@code
 * limit_ratio(0.5, x)} keeps the same series on both: a label set's offset in [0, 1] is its hash
 * divided by 2^64, and a ratio r keeps offsets below r (r ≥ 0) or at least 1 + r (r &lt; 0).
 *
 * <p>The hash is Prometheus 3's {@code Labels.Hash()} in its default ("stringlabels") build:
 * XXH64 of the labels' internal encoding, each name and value preceded by its UTF-8 byte length
 * (one byte below 255, else 0xFF and three little-endian bytes). Builds with the {@code
 * slicelabels} tag hash a different byte string and would sample other series.
 */
final class RatioSampler {

  private RatioSampler() {}

  static boolean keeps(double ratio, Labels labels) {
    double offset = offset(labels);
    return ratio >= 0 ? offset < ratio : offset >= 1 + ratio;
  }

  /** {@code float64(hash) / float64(math.MaxUint64)}; the latter is exactly 2^64 as a double. */
  static double offset(Labels labels) {
    long h = hash(labels);
    // Go converts the unsigned hash to the nearest double; Java's long is signed, so halve it
    // keeping the lowest bit as a sticky bit, convert, and double again (rounds the same way).
    double unsigned = h >= 0 ? (double) h : ((double) ((h >>> 1) | (h & 1))) * 2.0;
    return unsigned / 0x1p64;
  }

  static long hash(Labels labels) {
    byte[] buf = new byte[64];
    int n = 0;
    for (Label l : labels) {
      for (String s : new String[] {l.name(), l.value()}) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (buf.length < n + bytes.length + 4) {
          buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + bytes.length + 4));
        }
        int size = bytes.length;
        if (size < 255) {
          buf[n++] = (byte) size;
        } else {
          buf[n++] = (byte) 255;
          buf[n++] = (byte) size;
          buf[n++] = (byte) (size >>> 8);
          buf[n++] = (byte) (size >>> 16);
        }
        System.arraycopy(bytes, 0, buf, n, size);
        n += size;
      }
    }
    return XxHash64.hash(buf, n);
  }
}
