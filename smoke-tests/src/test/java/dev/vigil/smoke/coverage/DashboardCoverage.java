package dev.vigil.smoke.coverage;

import dev.vigil.smoke.coverage.DashboardQueries.Query;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reports which panels of a Grafana dashboard an exposition can fill: per panel the metrics its
 * visible queries select, which of them the exposition has, and which it lacks.
 *
 * <p>Run as {@code DashboardCoverage <dashboard.queries.tsv> <exposition URL or file>}; see
 * {@code bench/dashboard-coverage.sh}. A metric counts as present when at least one sample has
 * its name: the labels the dashboard filters on are not checked (every series carries the
 * scrape's job and instance, which a scrape adds, not the exposition).
 */
public final class DashboardCoverage {

  /** One panel's verdict; {@code error} is set when one of its queries is not valid PromQL. */
  public record Panel(
      String id, String title, Set<String> needed, Set<String> missing, String error) {
    public boolean covered() {
      return error == null && missing.isEmpty();
    }

    /** A template variable's or annotation's query rather than a drawn panel. */
    public boolean variable() {
      return id.startsWith(DashboardQueries.VARIABLE_PREFIX) || id.startsWith("annotation:");
    }
  }

  /** The report for one dashboard and one exposition. */
  public record Report(List<Panel> panels) {
    /** Drawn panels (not variables) whose every visible query finds all its metrics. */
    public long covered() {
      return panels.stream().filter(p -> !p.variable() && p.covered()).count();
    }

    /** Drawn panels, without the template variables. */
    public long drawn() {
      return panels.stream().filter(p -> !p.variable()).count();
    }

    public Set<String> missing() {
      Set<String> all = new TreeSet<>();
      panels.forEach(p -> all.addAll(p.missing()));
      return all;
    }

    public Set<String> needed() {
      Set<String> all = new TreeSet<>();
      panels.forEach(p -> all.addAll(p.needed()));
      return all;
    }
  }

  private DashboardCoverage() {}

  /** The coverage of a {@code .queries.tsv} dashboard by an exposition's text. */
  public static Report report(Path queriesTsv, String exposition) throws IOException {
    return report(DashboardQueries.read(queriesTsv), Exposition.sampleNames(exposition));
  }

  /** Computes the coverage of {@code queries} by an exposition with these sample names. */
  static Report report(List<Query> queries, Set<String> exposed) {
    Map<String, List<Query>> byPanel = new LinkedHashMap<>();
    for (Query q : queries) {
      byPanel.computeIfAbsent(q.panelId(), id -> new ArrayList<>()).add(q);
    }
    List<Panel> panels = new ArrayList<>();
    for (List<Query> panelQueries : byPanel.values()) {
      Set<String> needed = new TreeSet<>();
      String error = null;
      for (Query q : panelQueries) {
        try {
          needed.addAll(
              q.variable() ? QueryMetrics.ofVariable(q.expr()) : QueryMetrics.of(q.expr()));
        } catch (RuntimeException e) {
          // ParseException (position in the substituted query) plus where the query came from.
          error = "line " + q.line() + " (refId " + q.refId() + "): " + e.getMessage();
        }
      }
      Set<String> missing = new TreeSet<>(needed);
      missing.removeAll(exposed);
      Query first = panelQueries.get(0);
      panels.add(new Panel(first.panelId(), first.panelTitle(), needed, missing, error));
    }
    return new Report(panels);
  }

  /** Prints one line per panel and a summary. */
  static void print(Report report, PrintStream out) {
    for (Panel p : report.panels()) {
      String verdict =
          p.error() != null
              ? "UNPARSABLE " + p.error()
              : p.covered() ? "covered" : "MISSING " + String.join(" ", p.missing());
      out.printf(
          "panel %-4s %-45s needed %2d present %2d  %s%n",
          p.id(),
          '"' + p.title() + '"',
          p.needed().size(),
          p.needed().size() - p.missing().size(),
          verdict);
    }
    Set<String> needed = report.needed();
    Set<String> missing = report.missing();
    long variables = report.panels().stream().filter(Panel::variable).count();
    long variablesCovered =
        report.panels().stream().filter(p -> p.variable() && p.covered()).count();
    out.printf(
        "panels fully covered: %d / %d%nvariables and annotations resolvable: %d / %d%n"
            + "metrics present: %d / %d%n",
        report.covered(),
        report.drawn(),
        variablesCovered,
        variables,
        needed.size() - missing.size(),
        needed.size());
    out.println("missing metrics: " + (missing.isEmpty() ? "none" : String.join(" ", missing)));
  }

  /** {@code <dashboard.queries.tsv> <exposition URL or file>}; exit 2 on a usage error. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println(
          "usage: DashboardCoverage <dashboard.queries.tsv> <exposition URL or file>");
      System.exit(2);
    }
    List<Query> queries = DashboardQueries.read(Path.of(args[0]));
    Set<String> exposed = Exposition.sampleNames(Exposition.load(args[1]));
    print(report(queries, exposed), System.out);
  }
}
