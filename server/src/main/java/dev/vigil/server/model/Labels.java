package dev.vigil.server.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * An immutable label set, sorted by name, that identifies one series.
 *
 * <p>As in Prometheus, a label with an empty value is the same as no label at all, so the
 * factories drop empty values. Names are unique; a later value for the same name wins in the
 * builder. Instances are safe to share between threads.
 */
public final class Labels implements Comparable<Labels>, Iterable<Label> {

  /** The reserved label that holds the metric name. */
  public static final String METRIC_NAME = "__name__";

  private static final Labels EMPTY = new Labels(new String[0]);

  /** name0, value0, name1, value1, ... sorted by name. */
  private final String[] pairs;

  private int hash;

  private Labels(String[] pairs) {
    this.pairs = pairs;
  }

  public static Labels empty() {
    return EMPTY;
  }

  /** Builds a label set from alternating names and values: {@code of("__name__", "up", "job", "a")}. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("odd number of names and values");
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.set(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  public static Labels of(Map<String, String> map) {
    Builder b = builder();
    map.forEach(b::set);
    return b.build();
  }

  public static Labels of(Collection<Label> labels) {
    Builder b = builder();
    for (Label l : labels) {
      b.set(l.name(), l.value());
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this label set. */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.map.put(pairs[i], pairs[i + 1]);
    }
    return b;
  }

  public int size() {
    return pairs.length / 2;
  }

  public boolean isEmpty() {
    return pairs.length == 0;
  }

  public String name(int i) {
    return pairs[2 * i];
  }

  public String value(int i) {
    return pairs[2 * i + 1];
  }

  /** The value of {@code name}, or {@code null} when the label is absent. */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? null : pairs[2 * i + 1];
  }

  /** The value of {@code name}, or "" when absent, which is how PromQL matchers see it. */
  public String getOrEmpty(String name) {
    String v = get(name);
    return v == null ? "" : v;
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The metric name, or {@code null} when there is none. */
  public String metricName() {
    return get(METRIC_NAME);
  }

  private int indexOf(String name) {
    int lo = 0;
    int hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = pairs[2 * mid].compareTo(name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** This label set without the given names. */
  public Labels without(String... names) {
    Builder b = toBuilder();
    for (String n : names) {
      b.remove(n);
    }
    return b.build();
  }

  /** This label set without {@code __name__}. */
  public Labels withoutMetricName() {
    return has(METRIC_NAME) ? without(METRIC_NAME) : this;
  }

  /** Only the given names, those that exist. */
  public Labels keepOnly(Collection<String> names) {
    Builder b = builder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (names.contains(pairs[i])) {
        b.set(pairs[i], pairs[i + 1]);
      }
    }
    return b.build();
  }

  public List<Label> asList() {
    List<Label> out = new ArrayList<>(size());
    for (Label l : this) {
      out.add(l);
    }
    return out;
  }

  /** A sorted map view (a copy). */
  public Map<String, String> toMap() {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Override
  public Iterator<Label> iterator() {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < pairs.length;
      }

      @Override
      public Label next() {
        if (i >= pairs.length) {
          throw new NoSuchElementException();
        }
        Label l = new Label(pairs[i], pairs[i + 1]);
        i += 2;
        return l;
      }
    };
  }

  /** Orders label sets as Prometheus does: pairwise by name, then value; a prefix sorts first. */
  @Override
  public int compareTo(Labels o) {
    int n = Math.min(pairs.length, o.pairs.length);
    for (int i = 0; i < n; i += 2) {
      int c = pairs[i].compareTo(o.pairs[i]);
      if (c != 0) {
        return c;
      }
      c = pairs[i + 1].compareTo(o.pairs[i + 1]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pairs.length, o.pairs.length);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Labels l && Arrays.equals(pairs, l.pairs));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(pairs);
      hash = h;
    }
    return h;
  }

  /** Prometheus's notation: {@code {__name__="up", job="a"}}, values escaped as Go's %q would. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(pairs[i]).append("=\"");
      escape(pairs[i + 1], sb);
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  static void escape(String s, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
  }

  /** Collects labels in any order; build() sorts and drops empty values. Not thread-safe. */
  public static final class Builder {
    private final TreeMap<String, String> map = new TreeMap<>();

    private Builder() {}

    /** Sets a label; an empty or null value removes it. */
    public Builder set(String name, String value) {
      if (value == null || value.isEmpty()) {
        map.remove(name);
      } else {
        map.put(name, value);
      }
      return this;
    }

    public Builder remove(String name) {
      map.remove(name);
      return this;
    }

    public String get(String name) {
      return map.get(name);
    }

    public Labels build() {
      if (map.isEmpty()) {
        return EMPTY;
      }
      String[] pairs = new String[map.size() * 2];
      int i = 0;
      for (Map.Entry<String, String> e : map.entrySet()) {
        pairs[i++] = e.getKey();
        pairs[i++] = e.getValue();
      }
      return new Labels(pairs);
    }
  }
}
