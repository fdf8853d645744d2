package dev.vigil.server.promql.engine;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.value.Sample;
import dev.vigil.server.promql.value.Value;
import dev.vigil.server.promql.value.Vector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** label_replace, label_join and sort_by_label. */
final class LabelFunctions {

  private LabelFunctions() {}

  static Value labelReplace(Evaluator ev, Call c, long t) {
    String dst = ev.string(c.args().get(1), t);
    String replacement = ev.string(c.args().get(2), t);
    String src = ev.string(c.args().get(3), t);
    String regex = ev.string(c.args().get(4), t);
    Pattern p;
    try {
      // Anchored and dot-matches-newline, as Prometheus compiles label regexes.
      p = Pattern.compile("^(?s:" + regex + ")$");
    } catch (PatternSyntaxException e) {
      throw new EvalError("invalid regular expression in label_replace(): " + regex);
    }
    if (!validLabelName(dst)) {
      throw new EvalError("invalid destination label name in label_replace(): " + dst);
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : ev.vector(c.args().get(0), t).samples()) {
      Matcher m = p.matcher(s.labels().getOrEmpty(src));
      if (!m.matches()) {
        out.add(s);
        continue;
      }
      String value = expand(replacement, m);
      out.add(withLabel(s, dst, value));
    }
    return new Vector(out);
  }

  static Value labelJoin(Evaluator ev, Call c, long t) {
    String dst = ev.string(c.args().get(1), t);
    String sep = ev.string(c.args().get(2), t);
    List<String> srcs = new ArrayList<>();
    for (int i = 3; i < c.args().size(); i++) {
      String src = ev.string(c.args().get(i), t);
      if (!validLabelName(src)) {
        throw new EvalError("invalid source label name in label_join(): " + src);
      }
      srcs.add(src);
    }
    if (!validLabelName(dst)) {
      throw new EvalError("invalid destination label name in label_join(): " + dst);
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : ev.vector(c.args().get(0), t).samples()) {
      List<String> parts = new ArrayList<>();
      for (String src : srcs) {
        parts.add(s.labels().getOrEmpty(src));
      }
      out.add(withLabel(s, dst, String.join(sep, parts)));
    }
    return new Vector(out);
  }

  private static Sample withLabel(Sample s, String name, String value) {
    Labels.Builder b = s.labels().toBuilder();
    if (value.isEmpty()) {
      b.remove(name);
    } else {
      b.set(name, value);
    }
    // Writing __name__ gives the series a name again, so it is no longer dropped.
    boolean drop = name.equals(Labels.METRIC_NAME) ? false : s.dropName();
    return new Sample(b.build(), s.timestamp(), s.value(), drop);
  }

  static boolean validLabelName(String s) {
    return !s.isEmpty() && s.codePoints().noneMatch(cp -> cp == 0xFFFD);
  }

  /** Go's Regexp.Expand: $1, ${1}, $name, ${name}; $$ is a dollar; unknown groups are empty. */
  static String expand(String template, Matcher m) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char ch = template.charAt(i);
      if (ch != '$' || i + 1 >= template.length()) {
        out.append(ch);
        i++;
        continue;
      }
      if (template.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      String name;
      int next;
      if (template.charAt(i + 1) == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          out.append(ch);
          i++;
          continue;
        }
        name = template.substring(i + 2, close);
        next = close + 1;
      } else {
        int j = i + 1;
        while (j < template.length()
            && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
          j++;
        }
        name = template.substring(i + 1, j);
        next = j;
      }
      if (name.isEmpty() || !name.chars().allMatch(x -> Character.isLetterOrDigit(x) || x == '_')) {
        out.append(ch);
        i++;
        continue;
      }
      out.append(group(m, name));
      i = next;
    }
    return out.toString();
  }

  private static String group(Matcher m, String name) {
    try {
      String g;
      if (name.chars().allMatch(Character::isDigit)) {
        int idx = Integer.parseInt(name);
        g = idx <= m.groupCount() ? m.group(idx) : null;
      } else {
        g = m.group(name);
      }
      return g == null ? "" : g;
    } catch (RuntimeException e) {
      return "";
    }
  }

  static Value sortByLabel(Evaluator ev, Call c, long t, boolean desc) {
    Functions.sortInRangeQuery(ev, c);
    List<String> names = new ArrayList<>();
    for (int i = 1; i < c.args().size(); i++) {
      names.add(ev.string(c.args().get(i), t));
    }
    Comparator<Sample> cmp =
        (a, b) -> {
          for (String n : names) {
            int r = NaturalOrder.compare(a.labels().getOrEmpty(n), b.labels().getOrEmpty(n));
            if (r != 0) {
              return r;
            }
          }
          return a.labels().compareTo(b.labels());
        };
    List<Sample> out = new ArrayList<>(ev.vector(c.args().get(0), t).samples());
    out.sort(desc ? cmp.reversed() : cmp);
    return new Vector(out);
  }
}
