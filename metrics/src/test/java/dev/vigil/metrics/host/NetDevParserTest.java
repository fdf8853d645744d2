package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.metrics.host.NetDevParser.NetDevStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetDevParserTest {

  private final ParseIssues issues = new ParseIssues();

  @Test
  void namesCountersFromTheHeaderColumns() {
    List<NetDevStats> devices = NetDevParser.parse(HostFixture.fixtureFile("proc/net/dev"), issues);

    assertThat(devices)
        .extracting(NetDevStats::device)
        .containsExactly("lo", "ifb0", "ifb1", "eth0");
    NetDevStats eth0 = devices.get(3);
    assertThat(eth0.counters().keySet())
        .containsExactly(
            "receive_bytes",
            "receive_packets",
            "receive_errs",
            "receive_drop",
            "receive_fifo",
            "receive_frame",
            "receive_compressed",
            "receive_multicast",
            "transmit_bytes",
            "transmit_packets",
            "transmit_errs",
            "transmit_drop",
            "transmit_fifo",
            "transmit_colls",
            "transmit_carrier",
            "transmit_compressed");
    assertThat(eth0.counters())
        .containsEntry("receive_bytes", 62156890.0)
        .containsEntry("transmit_packets", 2847.0);
  }

  @Test
  void readsACounterThatTouchesTheColon() {
    List<NetDevStats> devices =
        NetDevParser.parse(HostFixture.variant("net-dev.malformed"), issues);

    // "  eth0:62156890    2837    0    7 ..."
    NetDevStats eth0 =
        devices.stream().filter(d -> d.device().equals("eth0")).findFirst().orElseThrow();
    assertThat(eth0.counters())
        .containsEntry("receive_bytes", 62156890.0)
        .containsEntry("receive_drop", 7.0);
  }

  @Test
  void skipsRowsWithTheWrongColumnCountAndSingleBadValues() {
    List<NetDevStats> devices =
        NetDevParser.parse(HostFixture.variant("net-dev.malformed"), issues);

    assertThat(devices).extracting(NetDevStats::device).containsExactly("lo", "eth0", "wlan0");
    NetDevStats wlan0 = devices.get(2);
    assertThat(wlan0.counters())
        .doesNotContainKey("receive_packets")
        .containsEntry("transmit_bytes", 20.0);
    assertThat(issues.all()).extracting(ParseIssues.Issue::line).containsExactly(5, 6, 7);
  }
}
