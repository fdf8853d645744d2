package dev.vigil.metrics.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code node_netstat_<Protocol>_<Field>} from {@code /proc/net/netstat}, {@code /proc/net/snmp}
 * and {@code /proc/net/snmp6}, for the keys matching the field pattern; gauges, for the reason
 * given on {@link VmstatCollector}.
 */
final class NetstatCollector implements HostCollector {

  /** node_exporter's default {@code --collector.netstat.fields}. */
  static final String DEFAULT_FIELDS =
      "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs|OutMsgs)"
          + "|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts|TCPOFOQueue|TCPRcvQDrop)"
          + "|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
          + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$";

  private final Pattern fields;

  /**
   * Per kernel field name: its gauge when the name matches {@link #fields}, else empty. The names
   * are a fixed set per kernel, so each is matched, named and described once rather than on every
   * scrape (the concatenations were most of this collector's per-scrape garbage beside parsing).
   */
  private final Map<String, Optional<MetricDef>> defs = new ConcurrentHashMap<>();

  NetstatCollector(Pattern fields) {
    this.fields = fields;
  }

  @Override
  public void collect(CollectContext context, SampleSink out) {
    HostPaths paths = context.paths();
    Map<String, Double> all = new LinkedHashMap<>();
    context.parse(paths.proc("net/netstat"), NetstatParser.PARSER).ifPresent(all::putAll);
    context.parse(paths.proc("net/snmp"), NetstatParser.PARSER).ifPresent(all::putAll);
    context.parse(paths.proc("net/snmp6"), Snmp6Parser.PARSER).ifPresent(all::putAll);
    all.forEach((key, value) -> emit(key, value, out));
  }

  private void emit(String key, double value, SampleSink out) {
    Optional<MetricDef> def = defs.get(key);
    if (def == null) {
      if (!fields.matcher(key).find()) {
        def = Optional.empty();
      } else {
        String name = "node_netstat_" + key;
        String help = "Statistic " + key.replace("_", "") + ".";
        try {
          def = Optional.of(MetricDef.gauge(name, help));
        } catch (IllegalArgumentException e) {
          // Not cached: the sink reports the rejected name as it always did.
          out.addNamed(name, MetricDef.Type.GAUGE, help, value);
          return;
        }
      }
      defs.put(key, def);
    }
    def.ifPresent(d -> out.add(d, value));
  }
}
