package dev.vigil.smoke.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.smoke.coverage.DashboardCoverage.Panel;
import dev.vigil.smoke.coverage.DashboardCoverage.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCoverageTest {

  private static final String HEADER =
      "panel_id\tpanel_title\tpanel_type\trefId\texpr\tlegend_format\trow_title\tnote\n";

  @TempDir Path dir;

  @Test
  void substitutesGrafanaVariablesIntoValidPromql() {
    assertThat(
            GrafanaVariables.substitute(
                "rate(x{job=\"$job\",instance=\"${node}\",a=~\"[[app]]\"}[$__rate_interval])"))
        .isEqualTo(
            "rate(x{job=\"placeholder\",instance=\"placeholder\",a=~\"placeholder\"}[1m])");
  }

  @Test
  void findsOnlyMetricNamesNotFunctionsKeywordsOrLabels() {
    assertThat(
            QueryMetrics.of(
                "sum by (mode) (irate(node_cpu_seconds_total{mode!=\"idle\",instance=\"$node\"}"
                    + "[$__rate_interval])) / on (instance) group_left count without (cpu)"
                    + " (node_cpu_seconds_total) or {__name__=\"node_load1\"} > bool 0"
                    + " + histogram_quantile(0.99,"
                    + " rate(http_server_requests_seconds_bucket[$__interval]))"))
        .containsExactly(
            "http_server_requests_seconds_bucket", "node_cpu_seconds_total", "node_load1");
  }

  @Test
  void readsTheMetricOfGrafanaVariableQueries() {
    assertThat(QueryMetrics.ofVariable("label_values(node_uname_info{job=\"$job\"}, nodename)"))
        .containsExactly("node_uname_info");
    assertThat(QueryMetrics.ofVariable("label_values(application)")).isEmpty();
    assertThat(QueryMetrics.ofVariable("query_result(topk(5, up{a=\"x,y\"}))"))
        .containsExactly("up");
  }

  @Test
  void countsVariablesApartFromPanelsAndSkipsTheDatasourceVariable() throws Exception {
    Path tsv =
        write(
            HEADER
                + "var:ds\tDatasource\ttemplating:datasource\t\tprometheus\tregex=\t\t\n"
                + "var:job\tJob\ttemplating:query\t\tlabel_values(node_uname_info, job)\t\t\t\n"
                + "1\tMemory\tstat\tA\t"
                + "(node_memory_Active_bytes)\\n/\\n(node_memory_MemTotal_bytes)\t\t\t\n");

    Report report =
        DashboardCoverage.report(
            DashboardQueries.read(tsv), Set.of("node_memory_Active_bytes", "node_uname_info"));

    assertThat(report.panels()).extracting(Panel::id).containsExactly("var:job", "1");
    assertThat(report.drawn()).isEqualTo(1);
    assertThat(report.covered()).isZero();
    assertThat(printed(report))
        .contains("panels fully covered: 0 / 1")
        .contains("variables and annotations resolvable: 1 / 1")
        .contains("MISSING node_memory_MemTotal_bytes");
  }

  @Test
  void readsSampleNamesOfATextExposition() {
    String text =
        """
        # HELP jvm_threads_live_threads live threads
        # TYPE jvm_threads_live_threads gauge
        jvm_threads_live_threads{application="orders"} 31.0
        node_load1 0.5

        http_server_requests_seconds_count{uri="/"} 2 1700000000000
        """;

    assertThat(Exposition.sampleNames(text))
        .containsExactly(
            "http_server_requests_seconds_count", "jvm_threads_live_threads", "node_load1");
  }

  @Test
  void reportsPerPanelWhatIsNeededAndMissingSkippingHiddenTargets() throws Exception {
    Path tsv =
        write(
            HEADER
                + "1\tLoad\ttimeseries\tA\tnode_load1{instance=\"$node\"}\t\tRow\t\n"
                + "1\tLoad\ttimeseries\tB\tnode_load5{instance=\"$node\"}\t\tRow\t\n"
                + "2\tCPU\ttimeseries\tA\trate(node_cpu_seconds_total[$__rate_interval])\t\tRow\t\n"
                + "2\tCPU\ttimeseries\tB\tnode_hidden_metric\t\tRow\thidden\n");

    Report report =
        DashboardCoverage.report(
            DashboardQueries.read(tsv), Set.of("node_load1", "node_cpu_seconds_total"));

    assertThat(report.panels())
        .containsExactly(
            new Panel("1", "Load", Set.of("node_load1", "node_load5"), Set.of("node_load5"), null),
            new Panel("2", "CPU", Set.of("node_cpu_seconds_total"), Set.of(), null));
    assertThat(report.covered()).isEqualTo(1);
    assertThat(printed(report))
        .contains("MISSING node_load5")
        .contains("panels fully covered: 1 / 2")
        .contains("metrics present: 2 / 3")
        .contains("missing metrics: node_load5");
  }

  @Test
  void reportsAnUnparsableQueryWithItsLineAndCountsThePanelAsNotCovered() throws Exception {
    Path tsv = write(HEADER + "7\tBroken\tstat\tA\tsum(rate(x[5m])\t\t\t\n");

    Report report = DashboardCoverage.report(DashboardQueries.read(tsv), Set.of("x"));

    assertThat(report.panels().get(0).error()).startsWith("line 2 (refId A): ");
    assertThat(report.covered()).isZero();
    assertThat(printed(report)).contains("UNPARSABLE line 2");
  }

  @Test
  void rejectsARowWithTooFewColumnsNamingFileAndLine() throws Exception {
    Path tsv = write(HEADER + "1\tLoad\ttimeseries\n");

    assertThatThrownBy(() -> DashboardQueries.read(tsv))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(tsv + ":2: expected at least 5");
  }

  @Test
  void rejectsAFileWithoutTheHeader() throws Exception {
    Path tsv = write("1\tLoad\ttimeseries\tA\tnode_load1\n");

    assertThatThrownBy(() -> DashboardQueries.read(tsv))
        .hasMessageStartingWith(tsv + ":1: expected a header");
  }

  private Path write(String content) throws Exception {
    Path file = dir.resolve("d.queries.tsv");
    Files.writeString(file, content);
    return file;
  }

  private static String printed(Report report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DashboardCoverage.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
