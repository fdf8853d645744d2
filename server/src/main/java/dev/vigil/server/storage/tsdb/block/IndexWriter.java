package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.model.Labels;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * Writes a block's {@code index} file from series given in label order: symbol table, series,
 * label table (names, their values and where each value's postings start), postings, TOC. Each
 * section carries its length and a CRC32C; see docs/format/index.md.
 *
 * <p>The whole index is built in memory before it is written: the symbol table must precede the
 * series that refer to it, and the label table needs every series' ref.
 */
final class IndexWriter {

  private IndexWriter() {}

  /** Writes and fsyncs {@code blockDir/index}. Series must be sorted by labels and distinct. */
  static void write(Path blockDir, List<SeriesEntry> series) throws IOException {
    TreeSet<String> symbolSet = new TreeSet<>();
    for (SeriesEntry s : series) {
      Labels l = s.labels();
      for (int i = 0; i < l.size(); i++) {
        symbolSet.add(l.name(i));
        symbolSet.add(l.value(i));
      }
    }
    Map<String, Integer> symbols = new HashMap<>();
    Encbuf sym = new Encbuf(1 << 12);
    sym.putUvarint(symbolSet.size());
    for (String s : symbolSet) {
      symbols.put(s, symbols.size());
      sym.putString(s);
    }

    Encbuf ser = new Encbuf(1 << 16);
    long[] refs = new long[series.size()];
    TreeMap<String, TreeMap<String, LongList>> postings = new TreeMap<>();
    Labels previous = null;
    for (int n = 0; n < series.size(); n++) {
      SeriesEntry s = series.get(n);
      if (previous != null && previous.compareTo(s.labels()) >= 0) {
        throw new IllegalArgumentException(
            "series not sorted or duplicated: " + previous + " then " + s.labels());
      }
      previous = s.labels();
      refs[n] = ser.length();
      encodeSeries(ser, s, symbols);
      Labels l = s.labels();
      for (int i = 0; i < l.size(); i++) {
        postings
            .computeIfAbsent(l.name(i), k -> new TreeMap<>())
            .computeIfAbsent(l.value(i), k -> new LongList())
            .add(refs[n]);
      }
    }

    Encbuf post = new Encbuf(1 << 16);
    Encbuf lab = new Encbuf(1 << 12);
    putPostings(post, refs, refs.length); // all series, always at offset 0
    lab.putUvarint(postings.size());
    for (Map.Entry<String, TreeMap<String, LongList>> name : postings.entrySet()) {
      lab.putUvarint(symbols.get(name.getKey()));
      lab.putUvarint(name.getValue().size());
      for (Map.Entry<String, LongList> value : name.getValue().entrySet()) {
        lab.putUvarint(symbols.get(value.getKey()));
        lab.putUvarint(post.length());
        putPostings(post, value.getValue().values, value.getValue().size);
      }
    }

    Path file = blockDir.resolve(IndexFiles.FILE);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      Encbuf head = new Encbuf(IndexFiles.HEADER_BYTES);
      head.putU32(IndexFiles.MAGIC);
      head.putByte(IndexFiles.VERSION);
      head.putByte(0);
      head.putByte(0);
      head.putByte(0);
      out.write(head.array(), 0, head.length());
      long offset = head.length();
      Encbuf toc = new Encbuf(IndexFiles.TOC_BYTES);
      for (Encbuf section : new Encbuf[] {sym, ser, lab, post}) {
        toc.putU64(offset);
        offset += writeSection(out, section);
      }
      CRC32C crc = new CRC32C();
      crc.update(toc.array(), 0, toc.length());
      toc.putU32(crc.getValue());
      out.write(toc.array(), 0, toc.length());
    }
    BlockFiles.syncFile(file);
  }

  private static void encodeSeries(Encbuf b, SeriesEntry s, Map<String, Integer> symbols) {
    Labels l = s.labels();
    b.putUvarint(l.size());
    for (int i = 0; i < l.size(); i++) {
      b.putUvarint(symbols.get(l.name(i)));
      b.putUvarint(symbols.get(l.value(i)));
    }
    int n = s.numChunks();
    b.putUvarint(n);
    long prevMax = 0;
    long prevRef = 0;
    for (int i = 0; i < n; i++) {
      // Chunks of a series are disjoint and ordered, so times and refs are deltas that stay small.
      if (i == 0) {
        b.putVarint(s.minTime(i));
      } else {
        b.putUvarint(s.minTime(i) - prevMax);
      }
      b.putUvarint(s.maxTime(i) - s.minTime(i));
      b.putUvarint(s.ref(i) - prevRef);
      prevMax = s.maxTime(i);
      prevRef = s.ref(i);
    }
  }

  private static void putPostings(Encbuf b, long[] refs, int n) {
    b.putUvarint(n);
    long prev = 0;
    for (int i = 0; i < n; i++) {
      b.putUvarint(refs[i] - prev);
      prev = refs[i];
    }
  }

  /** Writes length, body and CRC32C of the body; returns the bytes written. */
  private static long writeSection(OutputStream out, Encbuf body) throws IOException {
    Encbuf frame = new Encbuf(8);
    frame.putU32(body.length());
    out.write(frame.array(), 0, frame.length());
    out.write(body.array(), 0, body.length());
    CRC32C crc = new CRC32C();
    crc.update(body.array(), 0, body.length());
    frame.reset();
    frame.putU32(crc.getValue());
    out.write(frame.array(), 0, frame.length());
    return 8L + body.length();
  }

  /** A growable list of longs, so postings of millions of series do not box. */
  private static final class LongList {
    long[] values = new long[4];
    int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }
}
