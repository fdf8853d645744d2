package dev.vigil.agent.bootstrap;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map from objects, compared by identity and held weakly, to values; readable and writable by
 * many threads without a common lock.
 *
 * <p>Why not a {@code synchronized WeakHashMap} (what the JDBC bridge used before): every request
 * thread that prepares or executes a statement took the same monitor, and the map compared keys
 * with {@code equals}, which a driver's object could override. Here a lookup takes no lock and,
 * with a {@link Probe} the calling thread keeps, allocates nothing; entries of collected keys are
 * dropped on the next {@link #put}.
 */
final class WeakIdentityMap<V> {

  private final ConcurrentHashMap<Object, V> entries = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  /** Maps {@code key} (not null) to {@code value} (not null) for as long as {@code key} lives. */
  void put(Object key, V value) {
    dropCollected();
    entries.put(new WeakKey(key, collected), value);
  }

  /** The value of {@code key}, or null. */
  V get(Object key) {
    return get(key, new Probe());
  }

  /**
   * The value of {@code key}, or null, looked up with {@code probe}, which must belong to the
   * calling thread: a probe per lookup was an allocation per execute that escape analysis did not
   * always remove (seen in bench/agent-alloc.sh).
   */
  V get(Object key, Probe probe) {
    probe.key = key;
    try {
      return entries.get(probe);
    } finally {
      // Not left pointing at the statement: the probe lives as long as its thread.
      probe.key = null;
    }
  }

  /** The number of entries, counting those of keys collected since the last {@link #put}. */
  int size() {
    dropCollected();
    return entries.size();
  }

  private void dropCollected() {
    for (Reference<?> ref; (ref = collected.poll()) != null; ) {
      entries.remove(ref);
    }
  }

  /**
   * The stored key. Equal to itself (so the map can remove it once cleared) and to any key or probe
   * for the same live object.
   */
  private static final class WeakKey extends WeakReference<Object> {
    private final int hash;

    WeakKey(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      Object referent = get();
      if (referent == null) {
        return false;
      }
      if (other instanceof Probe probe) {
        return referent == probe.key;
      }
      return other instanceof WeakKey key && referent == key.get();
    }
  }

  /**
   * The lookup key: the map calls the probe's equals with each stored key of the same hash. Not
   * thread-safe: one thread's lookups at a time.
   */
  static final class Probe {
    private Object key;

    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof WeakKey stored && stored.get() == key;
    }
  }
}
