package dev.vigil.server.promql.engine;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.AtModifier;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.Exprs;
import dev.vigil.server.promql.ast.ParenExpr;
import dev.vigil.server.promql.ast.PositionRange;
import dev.vigil.server.promql.ast.SubqueryExpr;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experimental {@code info(v, {data matchers})}: adds to each sample of v the data labels of
 * the info series ({@code target_info} unless {@code __name__} matchers pick others) that share
 * its identifying labels ({@code instance}, {@code job}, as far as the sample has them).
 *
 * <p>Semantics follow Prometheus 3.x: v's own info series pass through unenriched; data matchers
 * both filter the info series and limit which labels are copied; a sample without any matching
 * info series survives only if every data matcher accepts the empty string; of two info series
 * with the same identity the one with the newer sample wins; the info series are read at the time
 * the first selector of v reads (its {@code @} and offset, including enclosing subqueries').
 */
final class InfoFunction {

  private static final List<String> IDENTIFYING = List.of("instance", "job");
  private static final PositionRange NOWHERE = new PositionRange(0, 0);

  private InfoFunction() {}

  static Value apply(Evaluator ev, Call c, long t) {
    List<Sample> base = ev.vector(c.args().get(0), t).samples();
    List<LabelMatcher> nameMatchers = new ArrayList<>();
    List<LabelMatcher> dataMatchers = new ArrayList<>();
    if (c.args().size() > 1) {
      for (LabelMatcher m : selector(c.args().get(1)).matchers()) {
        (m.name().equals(Labels.METRIC_NAME) ? nameMatchers : dataMatchers).add(m);
      }
    }
    List<LabelMatcher> effectiveNames = effectiveNameMatchers(nameMatchers);
    Set<Sample> ignored = new HashSet<>();
    Map<String, Set<String>> identities = new HashMap<>();
    for (Sample s : base) {
      String name = s.labels().getOrEmpty(Labels.METRIC_NAME);
      if (effectiveNames.stream().allMatch(m -> m.matches(name))) {
        ignored.add(s);
        continue;
      }
      for (String l : IDENTIFYING) {
        String v = s.labels().getOrEmpty(l);
        if (!v.isEmpty()) {
          identities.computeIfAbsent(l, k -> new HashSet<>()).add(v);
        }
      }
    }
    Map<List<String>, Sample> infos =
        identities.isEmpty()
            ? Map.of()
            : infoSeries(ev, c, t, effectiveNames, dataMatchers, identities);
    Set<String> dataNames = new HashSet<>();
    dataMatchers.forEach(m -> dataNames.add(m.name()));
    boolean allAcceptEmpty = dataMatchers.stream().allMatch(LabelMatcher::matchesEmpty);
    Set<String> infoNames = new HashSet<>();
    infos.keySet().forEach(k -> infoNames.add(k.get(0)));
    List<Sample> out = new ArrayList<>();
    for (Sample s : base) {
      if (ignored.contains(s)) {
        out.add(s);
        continue;
      }
      Map<String, String> added = new LinkedHashMap<>();
      boolean matched = false;
      for (String infoName : infoNames) {
        Sample info = infos.get(signature(infoName, s.labels()));
        if (info == null) {
          continue;
        }
        matched = true;
        for (var l : info.labels()) {
          String n = l.name();
          if (n.equals(Labels.METRIC_NAME) || (!dataNames.isEmpty() && !dataNames.contains(n))) {
            continue;
          }
          String prev = added.get(n);
          if (prev != null && !prev.equals(l.value())) {
            throw new EvalError("conflicting label: " + n);
          }
          if (!s.labels().has(n)) {
            added.put(n, l.value());
          }
        }
      }
      if (!matched && !allAcceptEmpty) {
        continue;
      }
      Labels.Builder b = s.labels().toBuilder();
      added.forEach(b::set);
      out.add(new Sample(b.build(), s.timestamp(), s.value(), s.dropName()));
    }
    return new Vector(out);
  }

  private static VectorSelector selector(Expr arg) {
    while (arg instanceof ParenExpr p) {
      arg = p.expr();
    }
    if (!(arg instanceof VectorSelector vs)) {
      throw new EvalError("info(): the second argument must be a label selector");
    }
    return vs;
  }

  /**
   * The {@code __name__} matchers that pick info series: as given when one is positive; only
   * negative ones are read as "any {@code *_info} but these"; none means {@code target_info}.
   */
  private static List<LabelMatcher> effectiveNameMatchers(List<LabelMatcher> given) {
    boolean positive =
        given.stream()
            .anyMatch(
                m -> m.type() == LabelMatcher.Type.EQUAL || m.type() == LabelMatcher.Type.REGEX);
    if (positive) {
      return given;
    }
    List<LabelMatcher> out = new ArrayList<>();
    if (given.isEmpty()) {
      out.add(LabelMatcher.equal(Labels.METRIC_NAME, "target_info"));
    } else {
      out.add(LabelMatcher.of(LabelMatcher.Type.REGEX, Labels.METRIC_NAME, ".+_info"));
      out.addAll(given);
    }
    return out;
  }

  /**
   * The info series current at the reference time, keyed by signature (name plus identifying
   * labels); for a signature held by two series, the one with the newer sample.
   */
  private static Map<List<String>, Sample> infoSeries(
      Evaluator ev,
      Call c,
      long t,
      List<LabelMatcher> names,
      List<LabelMatcher> data,
      Map<String, Set<String>> identities) {
    List<LabelMatcher> matchers = new ArrayList<>(data);
    matchers.addAll(names);
    long ref = referenceTime(ev, c.args().get(0), t);
    VectorSelector vs =
        VectorSelector.of("", matchers, NOWHERE).withAt(AtModifier.at(ref), NOWHERE);
    Map<List<String>, Sample> out = new HashMap<>();
    for (Sample info : ev.instantSelect(vs, t)) {
      boolean sameIdentity =
          identities.entrySet().stream()
              .allMatch(e -> e.getValue().contains(info.labels().getOrEmpty(e.getKey())));
      if (!sameIdentity) {
        continue;
      }
      List<String> sig = signature(info.labels().metricName(), info.labels());
      Sample prev = out.get(sig);
      if (prev != null && prev.timestamp() == info.timestamp()) {
        throw new EvalError(
            "found duplicate series for info metric: existing "
                + prev.labels()
                + " @ "
                + prev.timestamp()
                + ", new "
                + info.labels()
                + " @ "
                + info.timestamp());
      }
      if (prev == null || prev.timestamp() < info.timestamp()) {
        out.put(sig, info);
      }
    }
    return out;
  }

  private static List<String> signature(String infoName, Labels labels) {
    List<String> sig = new ArrayList<>();
    sig.add(infoName);
    for (String l : IDENTIFYING) {
      sig.add(labels.has(l) ? l + "=" + labels.get(l) : "");
    }
    return sig;
  }

  /**
   * When the info series are read: where the first selector in v reads, i.e. the innermost
   * {@code @} among it and its enclosing subqueries (else the evaluation time), minus the offsets
   * up to there. This keeps {@code info(v @ T)} the same at every step.
   */
  private static long referenceTime(Evaluator ev, Expr first, long t) {
    List<SubqueryExpr> path = new ArrayList<>();
    VectorSelector vs = firstSelector(first, path);
    if (vs == null) {
      return t;
    }
    AtModifier at = vs.at();
    long offset = ev.durationMillis(vs.offset(), vs.offsetExpr());
    for (int i = path.size() - 1; at == null && i >= 0; i--) {
      SubqueryExpr sq = path.get(i);
      offset += ev.durationMillis(sq.offset(), sq.offsetExpr());
      at = sq.at();
    }
    long base = t;
    if (at != null) {
      base =
          switch (at.kind()) {
            case START -> ev.start;
            case END -> ev.end;
            case TIMESTAMP -> at.timestampMillis();
          };
    }
    return base - offset;
  }

  private static VectorSelector firstSelector(Expr e, List<SubqueryExpr> path) {
    if (e instanceof VectorSelector vs) {
      return vs;
    }
    if (e instanceof SubqueryExpr sq) {
      path.add(sq);
    }
    for (Expr child : Exprs.children(e)) {
      VectorSelector found = firstSelector(child, path);
      if (found != null) {
        return found;
      }
    }
    if (e instanceof SubqueryExpr) {
      path.remove(path.size() - 1);
    }
    return null;
  }
}
