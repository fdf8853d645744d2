package dev.vigil.metrics.host;

import java.util.LinkedHashMap;
import java.util.Map;
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
   * Whether each kernel field name matches {@link #fields}: the names are a fixed set per kernel,
   * so each is matched once rather than on every scrape.
   */
  private final Map<String, Boolean> selected = new ConcurrentHashMap<>();

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
    all.forEach(
        (key, value) -> {
          if (isSelected(key)) {
            out.addNamed(
                "node_netstat_" + key,
                MetricDef.Type.GAUGE,
                "Statistic " + key.replace("_", "") + ".",
                value);
          }
        });
  }

  private boolean isSelected(String field) {
    Boolean known = selected.get(field);
    if (known == null) {
      known = fields.matcher(field).find();
      selected.put(field, known);
    }
    return known;
  }
}
