package dev.vigil.agent.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the number of distinct {@code uri} label values: the first {@code max} values seen are kept,
 * every later new one becomes {@code OTHER}.
 *
 * <p>Routes come from code (templates, mappings, contexts), so a real app stays far below the cap;
 * it is the guard for an app whose framework reports something unbounded as its route, which would
 * otherwise grow the registry until the JVM runs out of memory. Micrometer's own answer, a meter
 * filter that stops registering after the limit, drops the requests instead; we keep counting them.
 */
final class UriLimit {

  static final String OTHER = "OTHER";

  private final int max;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  UriLimit(int max) {
    this.max = max;
  }

  /** {@code uri} itself if it was seen before or there is still room for it, else {@code OTHER}. */
  String apply(String uri) {
    if (seen.contains(uri)) {
      return uri;
    }
    // Two threads may both pass the size check and exceed the cap by one each: harmless.
    if (seen.size() < max) {
      seen.add(uri);
      return uri;
    }
    return OTHER;
  }
}
