package dev.vigil.server.promql.engine;

import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.BinaryExpr;
import dev.vigil.server.promql.ast.BinaryOp;
import dev.vigil.server.promql.ast.VectorMatching;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Scalar;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary operators: scalar/vector arithmetic and comparisons, vector matching, set operators. */
final class BinaryOps {

  private BinaryOps() {}

  static Value eval(Evaluator ev, BinaryExpr b, long t) {
    if (b.op().kind() == BinaryOp.Kind.TRIM) {
      throw new EvalError("not implemented: native histogram trim operators");
    }
    Value lhs = ev.eval(b.lhs(), t);
    Value rhs = ev.eval(b.rhs(), t);
    if (lhs instanceof Scalar l && rhs instanceof Scalar r) {
      double v = apply(b.op(), l.value(), r.value());
      if (b.op().isComparison()) {
        v = keeps(b.op(), l.value(), r.value()) ? 1 : 0;
      }
      return new Scalar(v);
    }
    if (lhs instanceof Vector l && rhs instanceof Scalar r) {
      return vectorScalar(ev, b, l, r.value(), false, t);
    }
    if (lhs instanceof Scalar l && rhs instanceof Vector r) {
      return vectorScalar(ev, b, r, l.value(), true, t);
    }
    Vector l = (Vector) lhs;
    Vector r = (Vector) rhs;
    VectorMatching m = b.matching() == null ? VectorMatching.oneToOne() : b.matching();
    return switch (b.op()) {
      case AND -> and(l, r, m, true);
      case UNLESS -> and(l, r, m, false);
      case OR -> or(l, r, m);
      default -> vectorVector(ev, b, l, r, m, t);
    };
  }

  /** Go's math.Pow where it differs from Java's: a base of 1 (or -1 to an infinity) gives 1. */
  static double pow(double x, double y) {
    if (x == 1 || (x == -1 && Double.isInfinite(y))) {
      return 1;
    }
    return Math.pow(x, y);
  }

  static double apply(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case MOD -> l % r;
      case POW -> pow(l, r);
      case ATAN2 -> Math.atan2(l, r);
      default -> l;
    };
  }

  static boolean keeps(BinaryOp op, double l, double r) {
    return switch (op) {
      case EQL -> l == r;
      case NEQ -> l != r;
      case GTR -> l > r;
      case LSS -> l < r;
      case GTE -> l >= r;
      case LTE -> l <= r;
      default -> true;
    };
  }

  private static Vector vectorScalar(
      Evaluator ev, BinaryExpr b, Vector vec, double scalar, boolean scalarLeft, long t) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : vec.samples()) {
      double l = scalarLeft ? scalar : s.value();
      double r = scalarLeft ? s.value() : scalar;
      if (b.op().isComparison()) {
        boolean keep = keeps(b.op(), l, r);
        if (b.returnBool()) {
          out.add(ev.dropName(s.labels(), t, keep ? 1 : 0));
        } else if (keep) {
          // The vector's value survives a comparison even when the scalar is on the left.
          out.add(new Sample(s.labels(), t, s.value(), s.dropName()));
        }
      } else {
        out.add(ev.dropName(s.labels(), t, apply(b.op(), l, r)));
      }
    }
    return new Vector(out);
  }

  /** The matching key: only the on() labels, or all but the ignoring() labels and the name. */
  static Labels signature(Labels labels, VectorMatching m) {
    if (m.on()) {
      Set<String> keep = new HashSet<>(m.matchingLabels());
      keep.remove(Labels.METRIC_NAME);
      return labels.keepOnly(keep);
    }
    Labels.Builder bld = labels.toBuilder();
    bld.remove(Labels.METRIC_NAME);
    for (String n : m.matchingLabels()) {
      bld.remove(n);
    }
    return bld.build();
  }

  private static Vector and(Vector l, Vector r, VectorMatching m, boolean keepMatching) {
    Set<Labels> right = new HashSet<>();
    for (Sample s : r.samples()) {
      right.add(signature(s.labels(), m));
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : l.samples()) {
      if (right.contains(signature(s.labels(), m)) == keepMatching) {
        out.add(s);
      }
    }
    return new Vector(out);
  }

  private static Vector or(Vector l, Vector r, VectorMatching m) {
    Set<Labels> left = new HashSet<>();
    List<Sample> out = new ArrayList<>(l.samples());
    for (Sample s : l.samples()) {
      left.add(signature(s.labels(), m));
    }
    for (Sample s : r.samples()) {
      if (!left.contains(signature(s.labels(), m))) {
        out.add(s);
      }
    }
    return new Vector(out);
  }

  private static Vector vectorVector(
      Evaluator ev, BinaryExpr b, Vector lhs, Vector rhs, VectorMatching m, long t) {
    boolean swap = m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY;
    if (m.cardinality() == VectorMatching.Cardinality.MANY_TO_MANY) {
      throw new EvalError("many-to-many only allowed for set operators");
    }
    Vector many = swap ? rhs : lhs;
    Vector one = swap ? lhs : rhs;
    Map<Labels, Sample> oneSide = new HashMap<>();
    for (Sample s : one.samples()) {
      Labels sig = signature(s.labels(), m);
      Sample prev = oneSide.put(sig, s);
      if (prev != null) {
        throw new EvalError(
            "found duplicate series for the match group "
                + sig
                + " on the "
                + (swap ? "left" : "right")
                + " hand-side of the operation: ["
                + sortedPair(prev.labels(), s.labels())
                + "];many-to-many matching not allowed: matching labels must be unique on one"
                + " side");
      }
    }
    boolean oneToOne = m.cardinality() == VectorMatching.Cardinality.ONE_TO_ONE;
    Map<Labels, Labels> matchedSigs = new HashMap<>();
    Set<Labels> outputs = new HashSet<>();
    List<Sample> out = new ArrayList<>();
    // fill()/fill_left()/fill_right(): a missing partner becomes a sample with the fill value and
    // the match group's labels. As upstream (fill-modifier.test), the fill values are not swapped
    // with the sides under group_right: fill_right fills the "one" side, fill_left the "many".
    Double oneFill = m.fillRhs();
    Double manyFill = m.fillLhs();
    Set<Labels> matchedOne = new HashSet<>();
    List<Sample[]> pairs = new ArrayList<>();
    for (Sample s : many.samples()) {
      Labels sig = signature(s.labels(), m);
      Sample o = oneSide.get(sig);
      if (o == null) {
        if (oneFill == null) {
          continue;
        }
        o = new Sample(sig, t, oneFill, false);
      } else {
        matchedOne.add(sig);
      }
      pairs.add(new Sample[] {s, o});
    }
    if (manyFill != null) {
      for (Sample o : one.samples()) {
        Labels sig = signature(o.labels(), m);
        if (!matchedOne.contains(sig)) {
          pairs.add(new Sample[] {new Sample(sig, t, manyFill, false), o});
        }
      }
    }
    for (Sample[] pair : pairs) {
      Sample s = pair[0];
      Sample o = pair[1];
      Labels sig = signature(s.labels(), m);
      if (oneToOne) {
        Labels prev = matchedSigs.put(sig, s.labels());
        if (prev != null) {
          throw new EvalError(
              "multiple matches for labels: many-to-one matching must be explicit"
                  + " (group_left/group_right)");
        }
      }
      Sample ls = swap ? o : s;
      Sample rs = swap ? s : o;
      double value;
      boolean dropName;
      if (b.op().isComparison()) {
        boolean keep = keeps(b.op(), ls.value(), rs.value());
        if (b.returnBool()) {
          value = keep ? 1 : 0;
          dropName = true;
        } else if (keep) {
          value = ls.value();
          dropName = s.dropName();
        } else {
          continue;
        }
      } else {
        value = apply(b.op(), ls.value(), rs.value());
        dropName = true;
      }
      Labels labels = resultLabels(s.labels(), o.labels(), m, dropName && !ev.options.delayedNameRemoval());
      if (!outputs.add(labels) && !oneToOne) {
        throw new EvalError("multiple matches for labels: grouping labels must ensure unique matches");
      }
      out.add(new Sample(labels, t, value, dropName && ev.options.delayedNameRemoval()));
    }
    return new Vector(out);
  }

  private static String sortedPair(Labels a, Labels b) {
    return a.compareTo(b) <= 0 ? a + ", " + b : b + ", " + a;
  }

  private static Labels resultLabels(
      Labels many, Labels one, VectorMatching m, boolean stripName) {
    Labels.Builder bld = many.toBuilder();
    if (stripName) {
      bld.remove(Labels.METRIC_NAME);
    }
    if (m.cardinality() == VectorMatching.Cardinality.ONE_TO_ONE) {
      if (m.on()) {
        Labels kept = bld.build().keepOnly(new HashSet<>(m.matchingLabels()));
        return kept;
      }
      for (String n : m.matchingLabels()) {
        bld.remove(n);
      }
    }
    for (String n : m.include()) {
      String v = one.get(n);
      if (v == null || v.isEmpty()) {
        bld.remove(n);
      } else {
        bld.set(n, v);
      }
    }
    Labels result = bld.build();
    return stripName ? Evaluator.stripName(result) : result;
  }
}
