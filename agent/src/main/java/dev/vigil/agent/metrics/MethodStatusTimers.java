package dev.vigil.agent.metrics;

import io.micrometer.core.instrument.Timer;
import java.util.Arrays;

/**
 * The timers of one route (or one client target) by request method and status, found without
 * allocating: a small array of entries, replaced as a whole when one is added, that readers scan
 * without a lock.
 *
 * <p>Why not the recorders' map keyed by a tag tuple alone: its lookup builds a key object per
 * request; a route sees a handful of (method, status) pairs, which a scan of a few entries finds
 * faster than hashing a tuple, and with nothing for the collector. The entries are capped, so a
 * client cannot grow the array with statuses or methods: past the cap the recorder's keyed map
 * answers as before.
 */
final class MethodStatusTimers {

  /** Entries kept per route: an app answers a route with a few statuses and methods. */
  static final int MAX_ENTRIES = 16;

  private volatile Entry[] entries = new Entry[0];

  /** The timer recorded for {@code method} and {@code status} before, or null. */
  Timer find(String method, int status) {
    for (Entry entry : entries) {
      if (entry.status == status && entry.method.equals(method)) {
        return entry.timer;
      }
    }
    return null;
  }

  /** Remembers {@code timer} for {@code method} and {@code status}, unless full or known. */
  synchronized void add(String method, int status, Timer timer) {
    Entry[] current = entries;
    if (current.length >= MAX_ENTRIES || find(method, status) != null) {
      return;
    }
    Entry[] next = Arrays.copyOf(current, current.length + 1);
    next[current.length] = new Entry(method, status, timer);
    entries = next;
  }

  /** The number of entries; for tests. */
  int size() {
    return entries.length;
  }

  private static final class Entry {
    final String method;
    final int status;
    final Timer timer;

    Entry(String method, int status, Timer timer) {
      this.method = method;
      this.status = status;
      this.timer = timer;
    }
  }
}
