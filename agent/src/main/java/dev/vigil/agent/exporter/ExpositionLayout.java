package dev.vigil.agent.exporter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.HistogramSupport;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.SnapshotEscaper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The meters of a Micrometer Prometheus registry laid out as the families the Prometheus registry
 * would expose, sorted as its scrape sorts them, with every header and every sample line's name
 * and labels encoded once as bytes: a scrape then only appends values.
 *
 * <p>Names and label order come from client_java's own model ({@link MetricMetadata}, {@link
 * Labels}) and the family rules from Micrometer's {@code PrometheusMeterRegistry}, so the output
 * is the same as client_java's writers produce from a full scrape. Anything this class does not
 * reproduce exactly (histogram buckets or percentiles, custom meters, two meters claiming one
 * name, names that need quoting) makes {@link #build} fail, and the caller renders through
 * client_java instead.
 */
final class ExpositionLayout {

  /** The help Micrometer gives a meter without a description (client_java skips an empty one). */
  private static final String NO_DESCRIPTION = " ";

  /** A family's exposition type: its keyword per format and the suffix of its sample name. */
  enum FamilyType {
    COUNTER("counter", "counter", "_total"),
    GAUGE("gauge", "gauge", null),
    INFO("gauge", "info", "_info"),
    SUMMARY("summary", "summary", null);

    final String textType;
    final String openMetricsType;
    final String sampleSuffix;

    FamilyType(String textType, String openMetricsType, String sampleSuffix) {
      this.textType = textType;
      this.openMetricsType = openMetricsType;
      this.sampleSuffix = sampleSuffix;
    }
  }

  /** Where a sample line's value comes from; see {@link MeterExposition#render}. */
  enum Value {
    COUNTER,
    FUNCTION_COUNTER,
    GAUGE,
    INFO,
    TIMER_COUNT,
    TIMER_SUM,
    TIMER_MAX,
    LONG_TASK_COUNT,
    LONG_TASK_SUM,
    LONG_TASK_MAX,
    SUMMARY_COUNT,
    SUMMARY_SUM,
    SUMMARY_MAX,
    FUNCTION_TIMER_COUNT,
    FUNCTION_TIMER_SUM
  }

  /** One sample line: its name, labels and trailing space as bytes, and its value's source. */
  static final class Line {
    final byte[] prefix;
    final Meter meter;
    final Value value;

    Line(byte[] prefix, Meter meter, Value value) {
      this.prefix = prefix;
      this.meter = meter;
      this.value = value;
    }
  }

  /** One family: its header in each format and its sample lines in exposition order. */
  static final class Family {
    final byte[] textHeader;
    final byte[] openMetricsHeader;
    final Line[] lines;

    Family(byte[] textHeader, byte[] openMetricsHeader, Line[] lines) {
      this.textHeader = textHeader;
      this.openMetricsHeader = openMetricsHeader;
      this.lines = lines;
    }
  }

  /** Thrown by {@link #build} for registries it cannot reproduce byte for byte. */
  static final class UnsupportedException extends Exception {
    UnsupportedException(String message) {
      super(message, null, false, false);
    }
  }

  final Family[] families;

  private ExpositionLayout(Family[] families) {
    this.families = families;
  }

  /**
   * Lays out {@code meters} as a {@code PrometheusMeterRegistry} with this naming convention
   * exposes them.
   */
  static ExpositionLayout build(Collection<Meter> meters, NamingConvention convention)
      throws UnsupportedException {
    Map<String, FamilyDraft> drafts = new HashMap<>();
    for (Meter meter : meters) {
      addMeter(drafts, meter, convention);
    }
    List<FamilyDraft> sorted = new ArrayList<>(drafts.values());
    for (FamilyDraft draft : sorted) {
      draft.resolveNames();
    }
    sorted.sort((a, b) -> a.prometheusName.compareTo(b.prometheusName));
    Family[] families = new Family[sorted.size()];
    for (int i = 0; i < families.length; i++) {
      if (i > 0 && sorted.get(i - 1).prometheusName.equals(sorted.get(i).prometheusName)) {
        throw new UnsupportedException("two families named " + sorted.get(i).prometheusName);
      }
      families[i] = sorted.get(i).toFamily();
    }
    return new ExpositionLayout(families);
  }

  /** Mirrors {@code PrometheusMeterRegistry.new*}: which families a meter feeds, and how. */
  private static void addMeter(Map<String, FamilyDraft> drafts, Meter meter, NamingConvention nc)
      throws UnsupportedException {
    Meter.Id id = meter.getId();
    String name = id.getConventionName(nc);
    Labels labels = labels(id, nc);
    if (meter instanceof Counter) {
      draft(drafts, name, FamilyType.COUNTER, id, name).add(labels, meter, Value.COUNTER);
    } else if (meter instanceof FunctionCounter) {
      draft(drafts, name, FamilyType.COUNTER, id, name)
          .add(labels, meter, Value.FUNCTION_COUNTER);
    } else if (meter instanceof Gauge) {
      // Micrometer exposes a gauge whose own name ends in ".info" as an info metric.
      boolean info = id.getName().endsWith(".info");
      draft(drafts, name, info ? FamilyType.INFO : FamilyType.GAUGE, id, name)
          .add(labels, meter, info ? Value.INFO : Value.GAUGE);
    } else if (meter instanceof Timer) {
      addSummaryWithMax(
          drafts, (Timer) meter, name, labels, Value.TIMER_COUNT, Value.TIMER_SUM, Value.TIMER_MAX);
    } else if (meter instanceof LongTaskTimer) {
      addSummaryWithMax(
          drafts,
          (LongTaskTimer) meter,
          name,
          labels,
          Value.LONG_TASK_COUNT,
          Value.LONG_TASK_SUM,
          Value.LONG_TASK_MAX);
    } else if (meter instanceof DistributionSummary) {
      addSummaryWithMax(
          drafts,
          (DistributionSummary) meter,
          name,
          labels,
          Value.SUMMARY_COUNT,
          Value.SUMMARY_SUM,
          Value.SUMMARY_MAX);
    } else if (meter instanceof FunctionTimer) {
      draft(drafts, name, FamilyType.SUMMARY, id, name)
          .add(labels, meter, Value.FUNCTION_TIMER_COUNT, Value.FUNCTION_TIMER_SUM);
    } else {
      throw new UnsupportedException("meter " + id.getName() + " of type " + id.getType());
    }
  }

  /**
   * Percentiles and buckets are configured per meter and always show in a snapshot (with zero
   * counts while empty), so one look at build time tells whether client_java would write
   * quantiles or a histogram, which this layout does not.
   */
  /**
   * A timer, long task timer or distribution summary without percentiles or buckets: a summary
   * family ({@code _count}, {@code _sum}) and a {@code _max} gauge family, as Micrometer makes.
   */
  private static <M extends Meter & HistogramSupport> void addSummaryWithMax(
      Map<String, FamilyDraft> drafts,
      M meter,
      String name,
      Labels labels,
      Value count,
      Value sum,
      Value max)
      throws UnsupportedException {
    Meter.Id id = meter.getId();
    requireSummaryOnly(meter, id);
    draft(drafts, name, FamilyType.SUMMARY, id, name).add(labels, meter, count, sum);
    draft(drafts, name + "_max", FamilyType.GAUGE, id, name).add(labels, meter, max);
  }

  private static void requireSummaryOnly(HistogramSupport meter, Meter.Id id)
      throws UnsupportedException {
    HistogramSnapshot snapshot = meter.takeSnapshot();
    if (snapshot.percentileValues().length > 0 || snapshot.histogramCounts().length > 0) {
      throw new UnsupportedException("meter " + id.getName() + " has percentiles or buckets");
    }
  }

  /**
   * The family {@code familyName}, created on first use. Micrometer keeps one collector per
   * convention name and rejects a meter of another Micrometer name or type under it; such a
   * rejected meter is still in the registry, so any clash here means the layout cannot tell which
   * meter the Prometheus registry kept.
   */
  private static FamilyDraft draft(
      Map<String, FamilyDraft> drafts,
      String familyName,
      FamilyType type,
      Meter.Id id,
      String collectorName)
      throws UnsupportedException {
    String help = id.getDescription() != null ? id.getDescription() : NO_DESCRIPTION;
    FamilyDraft draft = drafts.get(familyName);
    if (draft == null) {
      draft = new FamilyDraft(familyName, type, help, id, collectorName);
      drafts.put(familyName, draft);
    } else if (draft.type != type
        || !draft.collectorName.equals(collectorName)
        || !draft.micrometerName.equals(id.getName())
        || draft.meterType != id.getType()
        || !draft.help.equals(help)) {
      throw new UnsupportedException("meters clash on family " + familyName);
    }
    return draft;
  }

  /** The labels as Micrometer hands them to client_java: convention keys, raw values. */
  private static Labels labels(Meter.Id id, NamingConvention nc) throws UnsupportedException {
    List<Tag> conventionTags = id.getConventionTags(nc);
    List<String> keys = new ArrayList<>(conventionTags.size());
    List<String> values = new ArrayList<>(conventionTags.size());
    for (Tag tag : conventionTags) {
      keys.add(tag.getKey());
    }
    for (Tag tag : id.getTagsAsIterable()) {
      values.add(tag.getValue());
    }
    try {
      return Labels.of(keys, values);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedException("labels of " + id.getName() + ": " + e.getMessage());
    }
  }

  /** A family while meters are added; {@link #toFamily} encodes it. */
  private static final class FamilyDraft {
    private final String name;
    private final FamilyType type;
    private final String help;
    private final String micrometerName;
    private final Meter.Type meterType;
    private final String collectorName;
    private final List<Point> points = new ArrayList<>();
    private String prometheusName;
    private String sampleName;
    private String openMetricsName;

    FamilyDraft(String name, FamilyType type, String help, Meter.Id id, String collectorName) {
      this.name = name;
      this.type = type;
      this.help = help;
      this.micrometerName = id.getName();
      this.meterType = id.getType();
      this.collectorName = collectorName;
    }

    void add(Labels labels, Meter meter, Value... values) {
      points.add(new Point(labels, meter, values));
    }

    /** The names client_java's writers derive from the metadata Micrometer gives them. */
    void resolveNames() throws UnsupportedException {
      MetricMetadata metadata;
      try {
        metadata = new MetricMetadata(name, help, null);
      } catch (IllegalArgumentException e) {
        throw new UnsupportedException("family " + name + ": " + e.getMessage());
      }
      prometheusName = metadata.getPrometheusName();
      String suffix = type.sampleSuffix;
      if (suffix == null) {
        sampleName = prometheusName;
        openMetricsName = prometheusName;
        String legacyGaugeName =
            SnapshotEscaper.getLegacyGaugeName(
                metadata, metadata.getOriginalName(), EscapingScheme.UNDERSCORE_ESCAPING);
        if (type == FamilyType.GAUGE && !legacyGaugeName.equals(prometheusName)) {
          throw new UnsupportedException("gauge " + name + " has a legacy name");
        }
      } else {
        String base = metadata.getExpositionBasePrometheusName();
        sampleName = base.endsWith(suffix) ? base : prometheusName + suffix;
        openMetricsName = sampleName.substring(0, sampleName.length() - suffix.length());
      }
      if (!PrometheusNaming.isValidLegacyMetricName(sampleName)
          || !PrometheusNaming.isValidLegacyMetricName(openMetricsName)) {
        throw new UnsupportedException("family " + name + " needs a quoted name");
      }
    }

    Family toFamily() throws UnsupportedException {
      points.sort((a, b) -> a.labels.compareTo(b.labels));
      List<Line> lines = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        Point point = points.get(i);
        if (i > 0 && point.labels.equals(points.get(i - 1).labels)) {
          throw new UnsupportedException("family " + name + " repeats labels " + point.labels);
        }
        String labelText = labelText(point.labels);
        if (type == FamilyType.SUMMARY) {
          lines.add(line(sampleName + "_count", labelText, point.meter, point.values[0]));
          lines.add(line(sampleName + "_sum", labelText, point.meter, point.values[1]));
        } else {
          lines.add(line(sampleName, labelText, point.meter, point.values[0]));
        }
      }
      return new Family(textHeader(), openMetricsHeader(), lines.toArray(new Line[0]));
    }

    private byte[] textHeader() {
      StringBuilder header = new StringBuilder();
      if (!help.isEmpty()) {
        header.append("# HELP ").append(sampleName).append(' ');
        appendEscaped(header, help, false);
        header.append('\n');
      }
      header.append("# TYPE ").append(sampleName).append(' ').append(type.textType).append('\n');
      return utf8(header);
    }

    private byte[] openMetricsHeader() {
      StringBuilder header = new StringBuilder();
      header.append("# TYPE ").append(openMetricsName).append(' ');
      header.append(type.openMetricsType).append('\n');
      if (!help.isEmpty()) {
        header.append("# HELP ").append(openMetricsName).append(' ');
        appendEscaped(header, help, true);
        header.append('\n');
      }
      return utf8(header);
    }

    private static Line line(String sample, String labelText, Meter meter, Value value) {
      StringBuilder prefix = new StringBuilder(sample.length() + labelText.length() + 1);
      prefix.append(sample).append(labelText).append(' ');
      return new Line(utf8(prefix), meter, value);
    }

    private static String labelText(Labels labels) throws UnsupportedException {
      if (labels.isEmpty()) {
        return "";
      }
      StringBuilder text = new StringBuilder("{");
      for (int i = 0; i < labels.size(); i++) {
        String labelName = labels.getPrometheusName(i);
        if (!PrometheusNaming.isValidLegacyLabelName(labelName)) {
          throw new UnsupportedException("label " + labelName + " needs quoting");
        }
        if (i > 0) {
          text.append(',');
        }
        text.append(labelName).append("=\"");
        appendEscaped(text, labels.getValue(i), true);
        text.append('"');
      }
      return text.append('}').toString();
    }

    /**
     * Escapes as client_java does: backslash and newline everywhere, the double quote in label
     * values and in OpenMetrics help but not in the text format's help.
     */
    private static void appendEscaped(StringBuilder out, String text, boolean quotes) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          out.append("\\\\");
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c == '"' && quotes) {
          out.append("\\\"");
        } else {
          out.append(c);
        }
      }
    }

    private static byte[] utf8(CharSequence text) {
      return text.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** One meter's place in a family. */
  private static final class Point {
    final Labels labels;
    final Meter meter;
    final Value[] values;

    Point(Labels labels, Meter meter, Value[] values) {
      this.labels = labels;
      this.meter = meter;
      this.values = values;
    }
  }
}
