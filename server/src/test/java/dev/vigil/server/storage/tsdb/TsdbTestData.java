package dev.vigil.server.storage.tsdb;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.storage.tsdb.head.HeadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What the TSDB tests share: second-sized block options, a pseudo-random fill written to several
 * stores at once (so an in-memory store can serve as the oracle), dumps of a store as text, and
 * file-tree copies for simulating crash states.
 */
final class TsdbTestData {

  /** Selects every series the fill writes. */
  static final LabelMatcher ALL = LabelMatcher.of(LabelMatcher.Type.REGEX, "job", ".+");

  private TsdbTestData() {}

  /** One-second blocks; maintenance only when the test asks for it. */
  static TsdbOptions seconds() {
    return TsdbOptions.defaults()
        .withBlockRange(Duration.ofSeconds(1))
        .withRetention(Duration.ofDays(1))
        .withMaintenanceInterval(Duration.ofHours(1))
        .withHead(HeadOptions.builder().chunkRangeMillis(1000).build());
  }

  /** Writes the same pseudo-random samples of a few series to every store, in one commit each. */
  static void fill(long from, long to, long seed, Storage... stores) {
    Random random = new Random(seed);
    List<Labels> series = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      series.add(Labels.of("__name__", i % 2 == 0 ? "cpu" : "mem", "job", "j" + (i % 3),
          "instance", "i" + i));
    }
    for (long t = from; t <= to; t += 100) {
      List<Appender> apps = new ArrayList<>();
      for (Storage s : stores) {
        apps.add(s.appender());
      }
      for (int i = 0; i < series.size(); i++) {
        // Series 5 stops halfway, so some blocks lack it and the head drops it.
        if (i == 5 && t > (from + to) / 2) {
          continue;
        }
        double v = random.nextInt(4) == 0 ? random.nextDouble() : t / 100.0 + i;
        for (Appender a : apps) {
          a.append(series.get(i), t, v);
        }
      }
      apps.forEach(Appender::commit);
    }
  }

  /** Every series matching {@code matchers} with its samples in {@code [min, max]}, as text. */
  static List<String> dump(Storage s, long min, long max, LabelMatcher... matchers) {
    List<String> out = new ArrayList<>();
    try (Querier q = s.querier(min, max)) {
      SeriesSet set = q.select(true, List.of(matchers));
      while (set.next()) {
        StringBuilder b = new StringBuilder();
        SampleIterator it = set.at().iterator();
        int n = 0;
        while (it.next()) {
          if (it.timestamp() >= min && it.timestamp() <= max) {
            b.append(' ').append(it.timestamp()).append('=').append(it.value());
            n++;
          }
        }
        if (n > 0) {
          out.add(set.at().labels() + ":" + b);
        }
      }
    }
    return out;
  }

  static List<String> dumpAll(Storage s) {
    return dump(s, Long.MIN_VALUE, Long.MAX_VALUE, ALL);
  }

  /** The block directories (names of block-id length) directly in {@code data}, sorted. */
  static List<Path> blockDirs(Path data) throws IOException {
    try (Stream<Path> s = Files.list(data)) {
      return s.filter(p -> p.getFileName().toString().length() == 26).sorted().toList();
    }
  }

  static long sizeOf(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
