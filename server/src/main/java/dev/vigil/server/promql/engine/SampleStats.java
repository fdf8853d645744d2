package dev.vigil.server.promql.engine;

import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.Exprs;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.ParenExpr;
import dev.vigil.server.promql.ast.SubqueryExpr;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Sample accounting in Prometheus's terms: {@code totalQueryableSamples} (samples selectors
 * returned, summed over steps), {@code samplesRead} (samples decoded from storage) and {@code
 * peakSamples}, the most samples the query holds at once, which {@code --query.max-samples}
 * limits.
 *
 * <p>Prometheus evaluates each node over all steps before its parent, so a node's whole result
 * matrix stays in memory while its siblings are evaluated. We evaluate step by step, so we do not
 * measure our own memory; we record each node's output summed over steps and compute the peak
 * Prometheus's evaluation order would reach from those totals: for a node with children c1..ck,
 * the larger of (the totals of c1..c(i-1) plus the peak of ci) and (all children's totals plus
 * the node's own). A range selector under a function holds only one series' window at a time;
 * a subquery counts each of its inner steps once, as Prometheus evaluates it once for all steps.
 * The result is Prometheus's model, not a byte-exact replica of its counters.
 */
final class SampleStats {

  /** Per node: [0] output samples over all steps, [1] largest transient window (selectors). */
  private final Map<Expr, long[]> nodes = new IdentityHashMap<>();

  private long totalQueryable;
  private long read;
  private int suppressed;

  /** Adds a node's output at one step. */
  void output(Expr e, long samples) {
    if (suppressed == 0) {
      node(e)[0] += samples;
    }
  }

  /** A range selector's points at one step, and its largest single-series window among them. */
  void window(Expr e, long points, long largestSeries) {
    if (suppressed == 0) {
      long[] n = node(e);
      n[0] += points;
      n[1] = Math.max(n[1], largestSeries);
    }
  }

  void queryable(long samples) {
    if (suppressed == 0) {
      totalQueryable += samples;
    }
  }

  void read(long samples) {
    read += samples;
  }

  /** While suppressed, evaluations repeat work already counted (a subquery's earlier steps). */
  void suppress() {
    suppressed++;
  }

  void unsuppress() {
    suppressed--;
  }

  long totalQueryable() {
    return totalQueryable;
  }

  long samplesRead() {
    return read;
  }

  /** Prometheus's peak for evaluating {@code root} with the totals recorded so far. */
  long peak(Expr root) {
    return peak(root, true);
  }

  private long peak(Expr e, boolean root) {
    if (e instanceof ParenExpr p) {
      return peak(p.expr(), root);
    }
    long[] own = nodes.getOrDefault(e, new long[2]);
    if (e instanceof MatrixSelector) {
      // Materialised only as a query's result; under a function one series' window at a time.
      return root ? own[0] : own[1];
    }
    if (e instanceof SubqueryExpr sq) {
      return Math.max(peak(sq.expr(), false), own[0]);
    }
    long held = 0;
    long windows = 0;
    long peak = 0;
    for (Expr c : Exprs.children(e)) {
      peak = Math.max(peak, held + peak(c, false));
      if (unwrap(c) instanceof MatrixSelector) {
        // The function holds the current series' window while it adds that series' output.
        windows += peak(c, false);
      }
      held += total(c);
    }
    // While the node computes its output, its children's results are still held.
    return Math.max(peak, held + windows + own[0]);
  }

  private static Expr unwrap(Expr e) {
    while (e instanceof ParenExpr p) {
      e = p.expr();
    }
    return e;
  }

  private long total(Expr e) {
    if (e instanceof ParenExpr p) {
      return total(p.expr());
    }
    if (e instanceof MatrixSelector) {
      return 0;
    }
    long[] own = nodes.get(e);
    return own == null ? 0 : own[0];
  }

  private long[] node(Expr e) {
    return nodes.computeIfAbsent(e, k -> new long[2]);
  }
}
