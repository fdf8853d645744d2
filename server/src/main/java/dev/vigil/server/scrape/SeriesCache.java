package dev.vigil.server.scrape;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One target's map from a sample's series text, as exposed (the raw bytes of the metric name and
 * label block), to the final label set (target labels merged in) and the storage's ref for it, so
 * a steady target is parsed and appended without building, hashing or comparing label sets.
 *
 * <p>This is Prometheus's scrape cache: a known line costs a hash of its series bytes, one byte
 * comparison and an append by ref. The key is looked up straight in the response body, so a hit
 * allocates nothing. Handing back the same {@link Labels} instance every scrape also makes the
 * staleness bookkeeping compare by identity. Entries a scrape did not see are dropped when it ends,
 * so churning series do not pile up (Prometheus keeps them one scrape longer; a series that comes
 * back is merely parsed again). Comment lines ({@code # HELP}, {@code # TYPE}) are cached by their
 * whole text the same way, so that an unchanged target's metadata is built once. The cache belongs
 * to one scrape loop: a loop with changed settings (labels, honor_labels) starts with an empty
 * one. Not thread-safe.
 */
final class SeriesCache {

  /** One exposed series: its merged labels and the store's ref, which the scrape loop updates. */
  static final class Entry {
    /** The series text's bytes; null for an entry not kept in the cache (see {@link #uncached}). */
    final byte[] key;
    final int hash;
    final Labels labels;
    /**
     * For a comment line (key starting with '#', labels null): what it says about a family, or
     * null when it says nothing we keep.
     */
    final TextFormatParser.MetadataComment comment;
    /** The storage ref from the last append, {@link Appender#NO_REF} until the store gives one. */
    long ref = Appender.NO_REF;
    long seen;
    /** Where the scrape that last saw this entry had it in its {@link #order}. */
    int position;
    /** The scrape loop's staleness stamp (see {@link StaleSeriesTracker}). */
    long tracked;

    Entry(byte[] key, int hash, Labels labels) {
      this(key, hash, labels, null);
    }

    private Entry(byte[] key, int hash, Labels labels, TextFormatParser.MetadataComment comment) {
      this.key = key;
      this.hash = hash;
      this.labels = labels;
      this.comment = comment;
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final LabelMerger merger;
  /** Open addressing with linear probing; null is free. Removal rebuilds the table. */
  private Entry[] table = new Entry[64];
  private int size;
  private long scrape;
  private int seenThisScrape;
  /**
   * The cached entries of the last parsed scrape in exposition order ({@code lastOrder[0,
   * lastSize)}), and the current scrape's as it goes. A target exposes the same series in the same
   * order scrape after scrape, so the entry after the previous line's is the likely next one:
   * {@link #get} compares it first and only hashes and probes the table when it is not. Why: with
   * thousands of series per target the table slot, the entry and its key were three cache misses
   * per line on a box where a target's cache is cold between scrapes, and the hash a chain of
   * multiplies; walking the last scrape's order reads one array in sequence instead. Prometheus's
   * scrape cache hashes every line.
   */
  private Entry[] lastOrder = new Entry[0];
  private int lastSize;
  private Entry[] order = new Entry[16];
  private int orderSize;
  /** The index in {@link #lastOrder} of the predicted next entry. */
  private int cursor;
  /** This scrape's comment lines in order, and the last scrape's, with the metadata they gave. */
  private List<Entry> comments = new ArrayList<>();
  private List<Entry> lastComments = new ArrayList<>();
  private Map<String, MetricMetadata> lastMetadata;

  SeriesCache(LabelMerger merger) {
    this.merger = merger;
  }

  /** Starts a scrape's lookups. */
  void beginScrape() {
    scrape++;
    seenThisScrape = 0;
    comments.clear();
    orderSize = 0;
    cursor = 0;
  }

  /**
   * The entry the current scrape is expected to expose next: the one that followed the previous
   * line's entry in the last scrape; null when there is none.
   */
  Entry expected() {
    return cursor < lastSize ? lastOrder[cursor] : null;
  }

  /** The entry for the series text {@code body[from, to)}, or null when it is not cached. */
  Entry get(byte[] body, int from, int to) {
    if (cursor < lastSize) {
      Entry predicted = lastOrder[cursor];
      byte[] k = predicted.key;
      if (Arrays.equals(k, 0, k.length, body, from, to)) {
        return predicted;
      }
    }
    int h = hash(body, from, to);
    Entry[] t = table;
    int mask = t.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Entry e = t[i];
      if (e == null) {
        return null;
      }
      if (e.hash == h && Arrays.equals(e.key, 0, e.key.length, body, from, to)) {
        return e;
      }
    }
  }

  /**
   * Caches the series text {@code body[from, to)}, which must not be cached yet, with the labels
   * the target exposed for it (merged with the target's here).
   */
  Entry put(byte[] body, int from, int to, Labels exposed) {
    return insert(new Entry(Arrays.copyOfRange(body, from, to), hash(body, from, to),
        merger.apply(exposed)));
  }

  /** Caches the comment line {@code body[from, to)}, which must not be cached yet. */
  Entry putComment(byte[] body, int from, int to, TextFormatParser.MetadataComment comment) {
    return insert(new Entry(Arrays.copyOfRange(body, from, to), hash(body, from, to), null,
        comment));
  }

  private Entry insert(Entry e) {
    if ((size + 1) * 2 > table.length) {
      rehash(table.length * 2);
    }
    insert(table, e);
    size++;
    return e;
  }

  /** Records a comment line of the current scrape, in exposition order. */
  void addComment(Entry e) {
    comments.add(e);
  }

  /**
   * The families' metadata from the current scrape's comment lines. A target that exposes the
   * same comment lines as last time gets last time's (immutable) map back, so a steady target
   * builds it once.
   */
  Map<String, MetricMetadata> metadata() {
    boolean same = lastMetadata != null && comments.size() == lastComments.size();
    for (int i = 0; same && i < comments.size(); i++) {
      same = comments.get(i) == lastComments.get(i);
    }
    if (!same) {
      Map<String, String> types = new HashMap<>();
      Map<String, String> helps = new HashMap<>();
      for (Entry e : comments) {
        if (e.comment != null) {
          (e.comment.isType() ? types : helps).put(e.comment.name(), e.comment.value());
        }
      }
      lastMetadata = Map.copyOf(TextFormatParser.metadata(types, helps));
    }
    List<Entry> swap = lastComments;
    lastComments = comments;
    comments = swap;
    comments.clear();
    return lastMetadata;
  }

  /**
   * An entry for a series text that is not cached, because the text could not be delimited
   * without a full parse; used once and forgotten.
   */
  Entry uncached(Labels exposed) {
    return new Entry(null, 0, merger.apply(exposed));
  }

  /** Records that the current scrape exposed {@code e}. */
  void markSeen(Entry e) {
    if (e.seen != scrape) {
      e.seen = scrape;
      if (e.key != null) {
        seenThisScrape++;
        follow(e);
      }
    }
  }

  /**
   * Moves the prediction past {@code e} (when the last scrape had it: the identity check also
   * covers positions a failed scrape overwrote) and records {@code e} in this scrape's order.
   */
  private void follow(Entry e) {
    int p = e.position;
    if (p < lastSize && lastOrder[p] == e) {
      cursor = p + 1;
    }
    if (orderSize == order.length) {
      order = Arrays.copyOf(order, orderSize * 2);
    }
    e.position = orderSize;
    order[orderSize++] = e;
  }

  /**
   * Ends a successfully parsed scrape: forgets series it did not expose. A failed scrape keeps
   * the cache as it was, since the target most likely exposes the same series next time.
   */
  void endScrape() {
    Entry[] swap = lastOrder;
    int swapSize = lastSize;
    lastOrder = order;
    lastSize = orderSize;
    // The older order's array is reused unless it is much larger than what the target exposes now;
    // its slots past this scrape's count are cleared, the rest are overwritten by the next scrape.
    if (swap.length >= orderSize && swap.length <= 2 * orderSize + 16) {
      Arrays.fill(swap, Math.min(orderSize, swapSize), swapSize, null);
      order = swap;
    } else {
      order = new Entry[orderSize + 16];
    }
    orderSize = 0;
    if (size > seenThisScrape) {
      Entry[] old = table;
      Entry[] fresh = new Entry[old.length];
      int kept = 0;
      for (Entry e : old) {
        if (e != null && e.seen == scrape) {
          insert(fresh, e);
          kept++;
        }
      }
      table = fresh;
      size = kept;
    }
  }

  int size() {
    return size;
  }

  private void rehash(int capacity) {
    Entry[] fresh = new Entry[capacity];
    for (Entry e : table) {
      if (e != null) {
        insert(fresh, e);
      }
    }
    table = fresh;
  }

  private static void insert(Entry[] t, Entry e) {
    int mask = t.length - 1;
    int i = e.hash & mask;
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = e;
  }

  /**
   * A hash of {@code b[from, to)} that reads eight bytes at a time: series texts run to dozens of
   * bytes, and a byte-at-a-time polynomial would cost a multiply per byte in one dependency chain.
   */
  static int hash(byte[] b, int from, int to) {
    long h = 0x9E3779B97F4A7C15L ^ (to - from);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = Long.rotateLeft(h ^ (long) LONGS.get(b, i), 29) * 0xBF58476D1CE4E5B9L;
    }
    long tail = 0;
    for (int shift = 0; i < to; i++, shift += 8) {
      tail |= (b[i] & 0xffL) << shift;
    }
    h = (h ^ tail) * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    // Spread into the low bits, which pick the slot.
    return (int) (h ^ (h >>> 32));
  }
}
