package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.tsdb.index.Postings;
import dev.vigil.server.storage.tsdb.index.PostingsSource;
import dev.vigil.server.storage.tsdb.index.ValueFilter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Reads a block's memory-mapped {@code index}: verifies every section's CRC once at open, keeps the
 * symbol and label tables in memory, and decodes series entries and postings lists on demand.
 * Thread-safe after construction.
 */
final class IndexReader implements PostingsSource {

  private final Path file;
  private final String[] symbols;
  private final ByteBuffer series;
  private final ByteBuffer postings;
  /** Label name → its values (sorted) and the postings offset of each. */
  private final TreeMap<String, ValueTable> labels = new TreeMap<>();

  private record ValueTable(String[] values, long[] offsets) {}

  IndexReader(Path blockDir) throws IOException {
    this.file = blockDir.resolve(IndexFiles.FILE);
    MappedByteBuffer m;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() > Integer.MAX_VALUE) {
        throw new BlockFormatException(file + ": index larger than 2 GiB is not supported");
      }
      m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
    if (m.limit() < IndexFiles.HEADER_BYTES + IndexFiles.TOC_BYTES
        || m.getInt(0) != IndexFiles.MAGIC
        || m.get(4) != IndexFiles.VERSION) {
      throw new BlockFormatException(file + ": not a version-1 index (bad header)");
    }
    ByteBuffer[] sections = readSections(m);
    symbols = readSymbols(sections[0]);
    series = sections[1];
    readLabels(sections[2]);
    postings = sections[3];
  }

  private ByteBuffer[] readSections(MappedByteBuffer m) {
    int tocAt = m.limit() - IndexFiles.TOC_BYTES;
    CRC32C crc = new CRC32C();
    crc.update(m.duplicate().position(tocAt).limit(m.limit() - 4));
    if (crc.getValue() != (m.getInt(m.limit() - 4) & 0xffffffffL)) {
      throw new BlockFormatException(file + ": CRC mismatch in the TOC");
    }
    ByteBuffer[] out = new ByteBuffer[IndexFiles.SECTIONS.size()];
    for (int i = 0; i < out.length; i++) {
      String name = IndexFiles.SECTIONS.get(i);
      long at = m.getLong(tocAt + 8 * i);
      if (at < IndexFiles.HEADER_BYTES || at + 8 > tocAt) {
        throw new BlockFormatException(file + ": section " + name + " offset " + at + " invalid");
      }
      long len = m.getInt((int) at) & 0xffffffffL;
      if (at + 8 + len > tocAt) {
        throw new BlockFormatException(
            file + ": section " + name + " length " + len + " runs past the TOC");
      }
      ByteBuffer body = m.duplicate().position((int) at + 4).limit((int) (at + 4 + len)).slice();
      crc.reset();
      crc.update(body.duplicate());
      if (crc.getValue() != (m.getInt((int) (at + 4 + len)) & 0xffffffffL)) {
        throw new BlockFormatException(file + ": CRC mismatch in section " + name);
      }
      out[i] = body;
    }
    return out;
  }

  private String[] readSymbols(ByteBuffer b) {
    Decbuf d = new Decbuf(b, file + " section symbols");
    String[] out = new String[d.getCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = d.getString();
    }
    return out;
  }

  private void readLabels(ByteBuffer b) {
    Decbuf d = new Decbuf(b, file + " section labels");
    int names = d.getCount();
    for (int i = 0; i < names; i++) {
      String name = symbol(d);
      int n = d.getCount();
      String[] values = new String[n];
      long[] offsets = new long[n];
      for (int j = 0; j < n; j++) {
        values[j] = symbol(d);
        offsets[j] = d.getUvarint();
      }
      labels.put(name, new ValueTable(values, offsets));
    }
  }

  private String symbol(Decbuf d) {
    int ref = d.getCount();
    if (ref >= symbols.length) {
      throw d.error("symbol ref " + ref + " beyond " + symbols.length + " symbols");
    }
    return symbols[ref];
  }

  /** The series entry at {@code ref} (a byte offset into the series section). */
  SeriesEntry series(long ref) {
    Decbuf d = new Decbuf(series, file + " section series");
    if (ref < 0 || ref >= d.remaining()) {
      throw d.error("series ref " + ref + " outside the section");
    }
    d.position((int) ref);
    int n = d.getCount();
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < n; i++) {
      b.set(symbol(d), symbol(d));
    }
    int chunks = d.getCount();
    long[] meta = new long[3 * chunks];
    long prevMax = 0;
    long prevRef = 0;
    for (int i = 0; i < chunks; i++) {
      long min = i == 0 ? d.getVarint() : prevMax + d.getUvarint();
      long max = min + d.getUvarint();
      long ref2 = prevRef + d.getUvarint();
      meta[3 * i] = min;
      meta[3 * i + 1] = max;
      meta[3 * i + 2] = ref2;
      prevMax = max;
      prevRef = ref2;
    }
    return new SeriesEntry(b.build(), meta);
  }

  private Postings postingsAt(long offset) {
    Decbuf d = new Decbuf(postings, file + " section postings");
    d.position((int) Math.min(offset, Integer.MAX_VALUE));
    long[] refs = new long[d.getCount()];
    long prev = 0;
    for (int i = 0; i < refs.length; i++) {
      prev += d.getUvarint();
      refs[i] = prev;
    }
    try {
      return Postings.of(refs);
    } catch (IllegalArgumentException e) {
      throw d.error("postings list at " + offset + " not increasing");
    }
  }

  @Override
  public Postings postings(String name, String value) {
    ValueTable t = labels.get(name);
    int i = t == null ? -1 : Arrays.binarySearch(t.values, value);
    return i < 0 ? Postings.empty() : postingsAt(t.offsets[i]);
  }

  @Override
  public Postings postingsMatching(String name, ValueFilter filter) {
    ValueTable t = labels.get(name);
    if (t == null) {
      return Postings.empty();
    }
    List<Postings> parts = new ArrayList<>();
    if (filter.exactValues() != null) {
      for (String v : filter.exactValues()) {
        int i = Arrays.binarySearch(t.values, v);
        if (i >= 0) {
          parts.add(postingsAt(t.offsets[i]));
        }
      }
    } else {
      for (int i = 0; i < t.values.length; i++) {
        if (filter.test(t.values[i])) {
          parts.add(postingsAt(t.offsets[i]));
        }
      }
    }
    return Postings.merge(parts);
  }

  @Override
  public Postings allPostings() {
    return postingsAt(0);
  }

  /** All label names in the block, sorted. */
  List<String> labelNames() {
    return new ArrayList<>(labels.keySet());
  }

  /** All values of {@code name} in the block, sorted. */
  List<String> labelValues(String name) {
    ValueTable t = labels.get(name);
    return t == null ? List.of() : List.of(t.values);
  }

  /** For tests: the label table as name → values. */
  Map<String, List<String>> labelTable() {
    TreeMap<String, List<String>> out = new TreeMap<>();
    labels.forEach((k, v) -> out.put(k, List.of(v.values)));
    return out;
  }
}
