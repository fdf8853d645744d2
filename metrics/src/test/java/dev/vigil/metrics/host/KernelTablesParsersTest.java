package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.metrics.host.SchedstatParser.CpuSchedstat;
import dev.vigil.metrics.host.SoftnetParser.CpuSoftnet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** schedstat, softnet_stat, /proc/net/stat tables, arp and udp queue parsers. */
class KernelTablesParsersTest {

  private final ParseIssues issues = new ParseIssues();

  @Test
  void schedstatTakesTheSeventhToNinthNumbersOfCpuLines() {
    List<CpuSchedstat> cpus = SchedstatParser.parse(HostFixture.variant("schedstat"), issues);

    assertThat(cpus)
        .containsExactly(
            new CpuSchedstat("0", 2416393417.0, 309812475.0, 23486.0),
            new CpuSchedstat("1", 1e9, 5e8, 10.0));
    assertThat(issues.all()).singleElement().extracting(ParseIssues.Issue::line).isEqualTo(6);
  }

  @Test
  void softnetReadsHexColumnsAndTheCpuIndexWhenPresent() {
    List<CpuSoftnet> cpus = SoftnetParser.parse(HostFixture.variant("softnet_stat"), issues);

    assertThat(cpus).extracting(CpuSoftnet::cpu).containsExactly("0", "1", "2");
    assertThat(cpus.get(0).values())
        .containsEntry("processed", 3061.0) // 0xbf5
        .containsEntry("dropped", 2.0)
        .containsEntry("times_squeezed", 3.0)
        .containsEntry("cpu_collision", 4.0)
        .containsEntry("received_rps", 5.0)
        .containsEntry("flow_limit_count", 6.0)
        .containsEntry("backlog_len", 7.0);
    // A 9-column line of an old kernel has only the first four counters.
    assertThat(cpus.get(2).values())
        .containsOnlyKeys("processed", "dropped", "times_squeezed", "cpu_collision");
    assertThat(issues.all()).singleElement().extracting(ParseIssues.Issue::line).isEqualTo(4);
  }

  @Test
  void softnetReadsACapturedFile() {
    List<CpuSoftnet> cpus =
        SoftnetParser.parse(HostFixture.fixtureFile("proc/net/softnet_stat"), issues);

    assertThat(cpus).extracting(CpuSoftnet::cpu).containsExactly("0", "1");
    assertThat(issues.isEmpty()).isTrue();
  }

  @Test
  void statTablesAreSummedOverCpus() {
    Map<String, Double> sums = HexTableParser.parse(HostFixture.variant("nf_conntrack"), issues);

    assertThat(sums)
        .containsEntry("found", 17.0)
        .containsEntry("invalid", 11.0)
        .containsEntry("insert", 10.0)
        .containsEntry("search_restart", 2.0);
  }

  @Test
  void arpEntriesAreCountedPerDevice() {
    Map<String, Double> entries = ArpParser.parse(HostFixture.variant("arp"), issues);

    assertThat(entries).containsExactly(Map.entry("eth0", 2.0), Map.entry("eth1", 1.0));
    assertThat(issues.all()).singleElement().extracting(ParseIssues.Issue::line).isEqualTo(5);
  }

  @Test
  void udpQueuesAreSummedAcrossSockets() {
    Map<String, Double> queues = UdpQueuesParser.parse(HostFixture.variant("udp"), issues);

    // 00000000:00000400 and 00000010:00000200 (tx:rx, hexadecimal)
    assertThat(queues).containsEntry("tx", 16.0).containsEntry("rx", 1536.0);
    assertThat(issues.all()).singleElement().extracting(ParseIssues.Issue::line).isEqualTo(4);
  }
}
