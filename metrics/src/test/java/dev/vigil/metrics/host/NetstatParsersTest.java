package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** /proc/net/netstat, /proc/net/snmp, /proc/net/snmp6 and /proc/net/sockstat. */
class NetstatParsersTest {

  private final ParseIssues issues = new ParseIssues();

  @Test
  void pairsHeaderAndValueLinesPerProtocol() {
    Map<String, Double> snmp =
        NetstatParser.parse(HostFixture.fixtureFile("proc/net/snmp"), issues);

    // "Ip: Forwarding DefaultTTL InReceives ..." / "Ip: 2 64 2863 ..."
    assertThat(snmp)
        .containsEntry("Ip_Forwarding", 2.0)
        .containsEntry("Ip_InReceives", 2863.0)
        .containsEntry("Icmp_InMsgs", 1.0);
    assertThat(issues.isEmpty()).isTrue();
  }

  @Test
  void readsTheExtendedCountersOfNetstat() {
    Map<String, Double> netstat =
        NetstatParser.parse(HostFixture.fixtureFile("proc/net/netstat"), issues);

    assertThat(netstat)
        .containsKeys("TcpExt_ListenDrops", "TcpExt_SyncookiesSent", "IpExt_InOctets");
    assertThat(issues.isEmpty()).isTrue();
  }

  @Test
  void skipsAProtocolWhoseValueCountDiffersAndSingleBadValues() {
    Map<String, Double> fields =
        NetstatParser.parse(HostFixture.variant("netstat.malformed"), issues);

    assertThat(fields)
        .containsEntry("TcpExt_ListenDrops", 3.0)
        .containsEntry("Tcp_MaxConn", -1.0)
        .doesNotContainKeys("IpExt_InOctets", "Tcp_CurrEstab");
    assertThat(issues.all()).extracting(ParseIssues.Issue::line).containsExactly(4, 6);
  }

  @Test
  void splitsSnmp6NamesAfterTheProtocolSix() {
    Map<String, Double> snmp6 =
        Snmp6Parser.parse(HostFixture.fixtureFile("proc/net/snmp6"), issues);

    // "Ip6InReceives 1"
    assertThat(snmp6)
        .containsEntry("Ip6_InReceives", 1.0)
        .containsKeys("Icmp6_InMsgs", "Udp6_InDatagrams", "UdpLite6_InErrors");
  }

  @Test
  void sockstatKeysAreProtocolAndField() {
    Map<String, Double> sockstat =
        SockstatParser.parse(HostFixture.fixtureFile("proc/net/sockstat"), issues);

    // "sockets: used 16", "TCP: inuse 1 orphan 0 tw 0 alloc 1 mem 0", "FRAG: inuse 0 memory 0"
    assertThat(sockstat)
        .containsEntry("sockets_used", 16.0)
        .containsEntry("TCP_inuse", 1.0)
        .containsEntry("TCP_alloc", 1.0)
        .containsKeys("UDP_mem", "UDPLITE_inuse", "RAW_inuse", "FRAG_memory");
  }

  @Test
  void sockstatSkipsALineWithAnOddNumberOfWords() {
    Map<String, Double> sockstat =
        SockstatParser.parse(HostFixture.variant("sockstat.mem"), issues);

    assertThat(sockstat).doesNotContainKey("RAW_inuse").containsEntry("TCP_mem", 3.0);
    assertThat(issues.all()).singleElement().extracting(ParseIssues.Issue::line).isEqualTo(5);
  }
}
