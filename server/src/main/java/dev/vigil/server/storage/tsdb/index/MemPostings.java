package dev.vigil.server.storage.tsdb.index;

import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory inverted index: label name to label value to the sorted refs of series with that
 * pair, plus the list of all refs. Thread-safe.
 *
 * <p>Readers hold the read lock only while taking snapshots of ref lists (see {@link RefList}), so
 * iterating postings never blocks series creation. The maps also act as a symbol table: {@link
 * #intern} hands back label sets that reuse the name and value strings already stored here, which
 * is most of a series' label memory when many series share job and instance.
 */
public final class MemPostings implements PostingsSource {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, ValueIndex> byName = new HashMap<>();
  private final RefList all = new RefList("");

  /** The values of one label name, keyed by value. */
  private static final class ValueIndex {
    final String name;
    final Map<String, RefList> byValue = new HashMap<>();

    ValueIndex(String name) {
      this.name = name;
    }
  }

  /** Registers series {@code ref} under each of its labels. */
  public void add(long ref, Labels labels) {
    lock.writeLock().lock();
    try {
      all.add(ref);
      for (int i = 0; i < labels.size(); i++) {
        String name = labels.name(i);
        ValueIndex vi = byName.computeIfAbsent(name, ValueIndex::new);
        vi.byValue.computeIfAbsent(labels.value(i), RefList::new).add(ref);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Forgets series: {@code dead} maps each ref to its labels. Ref lists are rebuilt rather than
   * edited so postings handed out earlier stay intact.
   */
  public void delete(Map<Long, Labels> dead) {
    if (dead.isEmpty()) {
      return;
    }
    long[] sorted = dead.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    Map<String, Set<String>> touched = new HashMap<>();
    for (Labels l : dead.values()) {
      for (int i = 0; i < l.size(); i++) {
        touched.computeIfAbsent(l.name(i), k -> new HashSet<>()).add(l.value(i));
      }
    }
    lock.writeLock().lock();
    try {
      all.removeAll(sorted);
      touched.forEach(
          (name, values) -> {
            ValueIndex vi = byName.get(name);
            if (vi == null) {
              return;
            }
            for (String value : values) {
              RefList list = vi.byValue.get(value);
              if (list != null && list.removeAll(sorted)) {
                vi.byValue.remove(value);
              }
            }
            if (vi.byValue.isEmpty()) {
              byName.remove(name);
            }
          });
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@code labels} with the name and value strings already in the index, where present, and the
   * JVM's canonical ({@link String#intern() interned}) instance of any other: {@code labels}
   * itself when that changes no string (a scrape hands over label sets whose strings are interned
   * already, so its series cache and the head then share one label set per series), else a
   * rebuilt label set. Interning what is new to the index makes a head restored from the WAL,
   * whose strings come from decoding, share its strings with the scrapes that follow.
   */
  public Labels intern(Labels labels) {
    String[] pairs = null;
    lock.readLock().lock();
    try {
      for (int i = 0; i < labels.size(); i++) {
        String name = labels.name(i);
        String value = labels.value(i);
        ValueIndex vi = byName.get(name);
        RefList list = vi == null ? null : vi.byValue.get(value);
        // New strings are rare once a target's series exist: one lookup each, at series creation.
        name = vi != null ? vi.name : name.intern();
        value = list != null ? list.value : value.intern();
        if (pairs == null && (name != labels.name(i) || value != labels.value(i))) {
          pairs = new String[labels.size() * 2];
          for (int j = 0; j < i; j++) {
            pairs[2 * j] = labels.name(j);
            pairs[2 * j + 1] = labels.value(j);
          }
        }
        if (pairs != null) {
          pairs[2 * i] = name;
          pairs[2 * i + 1] = value;
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return pairs == null ? labels : Labels.of(pairs);
  }

  @Override
  public Postings postings(String name, String value) {
    lock.readLock().lock();
    try {
      ValueIndex vi = byName.get(name);
      RefList list = vi == null ? null : vi.byValue.get(value);
      return list == null ? Postings.empty() : list.postings();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Postings postingsMatching(String name, ValueFilter filter) {
    List<Postings> parts = new ArrayList<>();
    lock.readLock().lock();
    try {
      ValueIndex vi = byName.get(name);
      if (vi == null) {
        return Postings.empty();
      }
      if (filter.exactValues() != null) {
        for (String v : filter.exactValues()) {
          RefList list = vi.byValue.get(v);
          if (list != null) {
            parts.add(list.postings());
          }
        }
      } else {
        for (RefList list : vi.byValue.values()) {
          if (filter.test(list.value)) {
            parts.add(list.postings());
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return Postings.merge(parts);
  }

  @Override
  public Postings allPostings() {
    lock.readLock().lock();
    try {
      return all.postings();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Number of series indexed. */
  public int size() {
    lock.readLock().lock();
    try {
      return all.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** All label names, sorted. */
  public List<String> labelNames() {
    List<String> out;
    lock.readLock().lock();
    try {
      out = new ArrayList<>(byName.keySet());
    } finally {
      lock.readLock().unlock();
    }
    Collections.sort(out);
    return out;
  }

  /** All values of {@code name}, sorted. */
  public List<String> labelValues(String name) {
    String[] out;
    lock.readLock().lock();
    try {
      ValueIndex vi = byName.get(name);
      out = vi == null ? new String[0] : vi.byValue.keySet().toArray(new String[0]);
    } finally {
      lock.readLock().unlock();
    }
    Arrays.sort(out);
    return Arrays.asList(out);
  }
}
