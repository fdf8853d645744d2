package dev.vigil.server.promql.engine;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.ParenExpr;
import dev.vigil.server.promql.ast.PositionRange;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The experimental {@code info(v, {data matchers})}: adds the data labels of the info series
 * ({@code target_info} unless the matchers name another) that share v's identifying labels
 * ({@code instance}, {@code job}).
 */
final class InfoFunction {

  private static final List<String> IDENTIFYING = List.of("instance", "job");

  private InfoFunction() {}

  static Value apply(Evaluator ev, Call c, long t) {
    List<Sample> base = ev.vector(c.args().get(0), t).samples();
    List<LabelMatcher> data = new ArrayList<>();
    List<LabelMatcher> names = new ArrayList<>();
    if (c.args().size() > 1) {
      Expr arg = c.args().get(1);
      while (arg instanceof ParenExpr p) {
        arg = p.expr();
      }
      if (!(arg instanceof VectorSelector vs)) {
        throw new EvalError("info(): the second argument must be a label selector");
      }
      for (LabelMatcher m : vs.matchers()) {
        if (m.name().equals(Labels.METRIC_NAME)) {
          names.add(m);
        } else {
          data.add(m);
        }
      }
    }
    if (names.isEmpty()) {
      names.add(LabelMatcher.equal(Labels.METRIC_NAME, "target_info"));
    }
    // Info series always have a name; this also makes a purely negative name matcher selectable.
    names.add(LabelMatcher.of(LabelMatcher.Type.REGEX, Labels.METRIC_NAME, ".+"));
    List<Sample> infos =
        ev.instantSelect(VectorSelector.of("", names, new PositionRange(0, 0)), t);
    Set<String> wanted = new HashSet<>();
    data.forEach(m -> wanted.add(m.name()));
    boolean needsMatch = data.stream().anyMatch(m -> !m.matchesEmpty());
    List<Sample> out = new ArrayList<>();
    for (Sample s : base) {
      Labels.Builder b = s.labels().toBuilder();
      boolean matched = false;
      for (Sample info : infos) {
        if (!sameIdentity(s.labels(), info.labels()) || !matchesAll(data, info.labels())) {
          continue;
        }
        matched = true;
        for (var l : info.labels()) {
          String n = l.name();
          if (n.equals(Labels.METRIC_NAME)
              || IDENTIFYING.contains(n)
              || s.labels().has(n)
              || (!wanted.isEmpty() && !wanted.contains(n))) {
            continue;
          }
          b.set(n, l.value());
        }
      }
      if (!matched && needsMatch) {
        continue;
      }
      out.add(new Sample(b.build(), s.timestamp(), s.value(), s.dropName()));
    }
    return new Vector(out);
  }

  private static boolean sameIdentity(Labels base, Labels info) {
    for (String n : IDENTIFYING) {
      if (!base.getOrEmpty(n).equals(info.getOrEmpty(n))) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesAll(List<LabelMatcher> data, Labels info) {
    for (LabelMatcher m : data) {
      if (!m.matches(info.getOrEmpty(m.name()))) {
        return false;
      }
    }
    return true;
  }
}
