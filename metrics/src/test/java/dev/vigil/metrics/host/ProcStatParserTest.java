package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.metrics.host.ProcStatParser.CpuTimes;
import dev.vigil.metrics.host.ProcStatParser.ProcStat;
import org.junit.jupiter.api.Test;

class ProcStatParserTest {

  private final ParseIssues issues = new ParseIssues();

  @Test
  void convertsPerCpuTicksToSecondsAtUserHz() {
    ProcStat stat = ProcStatParser.parse(HostFixture.fixtureFile("proc/stat"), issues);

    // Captured line: "cpu0 6349 0 1930 143430 39 0 17 130 0 0", ticks of 1/100 s.
    CpuTimes cpu0 = stat.cpus().get(0);
    assertThat(cpu0.cpu()).isEqualTo("0");
    assertThat(cpu0.seconds())
        .containsEntry("user", 63.49)
        .containsEntry("system", 19.30)
        .containsEntry("idle", 1434.30)
        .containsEntry("steal", 1.30)
        .containsEntry("guest_nice", 0.0)
        .hasSize(10);
    assertThat(issues.isEmpty()).isTrue();
  }

  @Test
  void keepsOneEntryPerCpuAndNoneForTheAggregateLine() {
    ProcStat stat = ProcStatParser.parse(HostFixture.fixtureFile("proc/stat"), issues);

    assertThat(stat.cpus()).extracting(CpuTimes::cpu).containsExactly("0", "1");
  }

  @Test
  void readsTheFirstValueOfKernelCounterLines() {
    ProcStat stat = ProcStatParser.parse(HostFixture.fixtureFile("proc/stat"), issues);

    assertThat(stat.counters())
        .containsEntry("intr", 253487.0)
        .containsEntry("ctxt", 570438.0)
        .containsEntry("btime", 1795529816.0)
        .containsEntry("processes", 9739.0)
        .containsEntry("procs_running", 1.0)
        .containsEntry("procs_blocked", 0.0);
  }

  @Test
  void skipsMalformedValuesAndNamesTheirLines() {
    ProcStat stat = ProcStatParser.parse(HostFixture.variant("stat.malformed"), issues);

    CpuTimes cpu0 = stat.cpus().get(0);
    assertThat(cpu0.seconds()).doesNotContainKey("system").containsEntry("user", 63.49);
    assertThat(stat.counters())
        .doesNotContainKeys("ctxt", "processes")
        .containsEntry("btime", 1795529816.0);
    assertThat(issues.all()).extracting(ParseIssues.Issue::line).containsExactly(2, 4, 6, 8);
    assertThat(issues.all().get(0).message()).contains("cpu0", "system", "19x30");
  }

  @Test
  void acceptsOldKernelsThatPrintFewerCpuColumns() {
    ProcStat stat = ProcStatParser.parse(HostFixture.variant("stat.malformed"), issues);

    // "cpu1 6914 0 2398 142161": only user, nice, system, idle.
    assertThat(stat.cpus().get(1).seconds()).containsOnlyKeys("user", "nice", "system", "idle");
  }
}
