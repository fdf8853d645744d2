package dev.vigil.server.promql.test;

import dev.vigil.server.model.Labels;
import java.util.List;

/** A parsed promqltest script: its commands in file order. */
public record Script(String file, List<Command> commands) {

  /** One command of a script. */
  public sealed interface Command permits Load, Clear, Eval {
    int line();
  }

  /**
   * One series of a load block; null values are missing slots. {@code startOffsets} (from the
   * block's {@code metric@st} line, else null) holds per slot the sample's start timestamp
   * relative to its own timestamp in milliseconds, null where the sample has none.
   */
  public record SeriesLine(Labels labels, List<Double> values, List<Long> startOffsets) {

    /** A series line without start timestamps. */
    public SeriesLine(Labels labels, List<Double> values) {
      this(labels, values, null);
    }

    /** The start timestamp of the sample in slot {@code i} at {@code t}, or 0 (none). */
    public long startTimestamp(int i, long t) {
      if (startOffsets == null || i >= startOffsets.size() || startOffsets.get(i) == null) {
        return 0;
      }
      return t + startOffsets.get(i);
    }
  }

  /**
   * {@code load <interval>}: series with values at 0, interval, 2*interval... {@code
   * histogramSeries} are the label sets of the native-histogram series we cannot load yet (for
   * {@code load_with_nhcb} also the custom-bucket histograms derived from the classic ones).
   */
  public record Load(
      int line, long intervalMillis, List<SeriesLine> series, List<Labels> histogramSeries)
      implements Command {}

  /** {@code clear}: start over with an empty store. */
  public record Clear(int line) implements Command {}

  /** One expectation on annotations or failure: kind plus optional exact text or regex. */
  public record Expectation(String kind, String message, String regex) {}

  /** An expected series: labels and one value per step (null: no point). */
  public record ExpectedSeries(Labels labels, List<Double> values) {}

  /**
   * An eval command. For instant evals {@code start == end} and {@code step == 0}. {@code
   * scalar}/{@code string} are set when the result must be a scalar/string; otherwise {@code
   * series} holds the expected vector or matrix.
   */
  public record Eval(
      int line,
      String expr,
      boolean range,
      long start,
      long end,
      long step,
      List<Expectation> expectations,
      List<ExpectedSeries> series,
      Double scalar,
      String string,
      long[] rangeVector,
      boolean histograms)
      implements Command {

    public boolean expects(String kind) {
      return expectations.stream().anyMatch(e -> e.kind().equals(kind));
    }

    public List<Expectation> all(String kind) {
      return expectations.stream().filter(e -> e.kind().equals(kind)).toList();
    }
  }
}
