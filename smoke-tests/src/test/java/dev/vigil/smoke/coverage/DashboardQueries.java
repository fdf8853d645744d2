package dev.vigil.smoke.coverage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a dashboard's {@code .queries.tsv} (one row per panel target, as extracted into
 * {@code shared/reference/dashboards}): panel id, title, type, refId, expr, legend, row, note.
 */
final class DashboardQueries {

  /** One panel target; {@code line} is its 1-based line in the file, for error messages. */
  record Query(String panelId, String panelTitle, String refId, String expr, int line) {

    /** Whether this is a template variable's query ({@code panel_id} {@code var:<name>}). */
    boolean variable() {
      return panelId.startsWith(VARIABLE_PREFIX);
    }
  }

  static final String VARIABLE_PREFIX = "var:";

  /** Variable kinds whose "query" is no PromQL at all (a datasource type, a list of values). */
  private static final Set<String> NOT_QUERIES =
      Set.of(
          "templating:datasource",
          "templating:custom",
          "templating:interval",
          "templating:constant",
          "templating:textbox");

  private static final int PANEL_TYPE = 2;

  private static final int PANEL_ID = 0;
  private static final int PANEL_TITLE = 1;
  private static final int REF_ID = 3;
  private static final int EXPR = 4;
  private static final int NOTE = 7;

  private DashboardQueries() {}

  /**
   * The visible targets of the file, in file order; targets noted {@code hidden} are left out,
   * because Grafana does not draw them and a panel does not need their metrics.
   *
   * @throws IllegalArgumentException naming file:line for a row with too few columns
   */
  static List<Query> read(Path tsv) throws IOException {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).startsWith("panel_id\t")) {
      throw new IllegalArgumentException(tsv + ":1: expected a header starting with panel_id");
    }
    List<Query> queries = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length <= EXPR) {
        throw new IllegalArgumentException(
            tsv
                + ":"
                + (i + 1)
                + ": expected at least "
                + (EXPR + 1)
                + " tab-separated columns, got "
                + columns.length);
      }
      boolean hidden = columns.length > NOTE && columns[NOTE].trim().equals("hidden");
      if (!hidden && !columns[EXPR].isBlank() && !NOT_QUERIES.contains(columns[PANEL_TYPE])) {
        queries.add(
            new Query(
                columns[PANEL_ID], columns[PANEL_TITLE], columns[REF_ID], unescape(columns[EXPR]),
                i + 1));
      }
    }
    return queries;
  }

  /** The extraction writes a tab or newline inside a cell as {@code \t} / {@code \n}. */
  static String unescape(String cell) {
    return cell.replace("\\n", "\n").replace("\\t", "\t");
  }
}
