package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.counter;
import static dev.vigil.metrics.host.MetricDef.gauge;

import dev.vigil.metrics.host.DiskstatsParser.DiskStats;
import java.util.List;
import java.util.regex.Pattern;

/** {@code node_disk_*{device}} from {@code /proc/diskstats}, one row per kernel column. */
final class DiskstatsCollector implements HostCollector {

  /** node_exporter's default {@code --collector.diskstats.device-exclude}: partitions and loops. */
  static final String DEFAULT_DEVICE_EXCLUDE =
      "^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";

  private static final double SECTOR_BYTES = 512; // the kernel counts 512-byte sectors always
  private static final double MS = 0.001;

  /** The column at {@code index} (0 = first value after the device name), scaled to base units. */
  private record Row(int index, MetricDef def, double scale) {}

  private static final List<Row> ROWS =
      List.of(
          new Row(
              0,
              counter(
                  "node_disk_reads_completed_total",
                  "The total number of reads completed successfully."),
              1),
          new Row(
              1, counter("node_disk_reads_merged_total", "The total number of reads merged."), 1),
          new Row(
              2,
              counter("node_disk_read_bytes_total", "The total number of bytes read successfully."),
              SECTOR_BYTES),
          new Row(
              3,
              counter(
                  "node_disk_read_time_seconds_total",
                  "The total number of seconds spent by all reads."),
              MS),
          new Row(
              4,
              counter(
                  "node_disk_writes_completed_total",
                  "The total number of writes completed successfully."),
              1),
          new Row(5, counter("node_disk_writes_merged_total", "The number of writes merged."), 1),
          new Row(
              6,
              counter(
                  "node_disk_written_bytes_total",
                  "The total number of bytes written successfully."),
              SECTOR_BYTES),
          new Row(
              7,
              counter(
                  "node_disk_write_time_seconds_total",
                  "This is the total number of seconds spent by all writes."),
              MS),
          new Row(8, gauge("node_disk_io_now", "The number of I/Os currently in progress."), 1),
          new Row(
              9, counter("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os."), MS),
          new Row(
              10,
              counter(
                  "node_disk_io_time_weighted_seconds_total",
                  "The weighted # of seconds spent doing I/Os."),
              MS),
          new Row(
              11,
              counter(
                  "node_disk_discards_completed_total",
                  "The total number of discards completed successfully."),
              1),
          new Row(
              12,
              counter("node_disk_discards_merged_total", "The total number of discards merged."),
              1),
          // node_exporter exposes discarded sectors as a sector count, not bytes.
          new Row(
              13,
              counter(
                  "node_disk_discarded_sectors_total",
                  "The total number of sectors discarded successfully."),
              1),
          new Row(
              14,
              counter(
                  "node_disk_discard_time_seconds_total",
                  "This is the total number of seconds spent by all discards."),
              MS),
          new Row(
              15,
              counter(
                  "node_disk_flush_requests_total",
                  "The total number of flush requests completed successfully"),
              1),
          new Row(
              16,
              counter(
                  "node_disk_flush_requests_time_seconds_total",
                  "This is the total number of seconds spent by all flush requests."),
              MS));

  private final Pattern deviceExclude;

  DiskstatsCollector(Pattern deviceExclude) {
    this.deviceExclude = deviceExclude;
  }

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("diskstats"), DiskstatsParser.PARSER)
        .ifPresent(disks -> disks.forEach(disk -> emit(disk, out)));
  }

  private void emit(DiskStats disk, SampleSink out) {
    // find(), not matches(): node_exporter's Go regexps match unanchored unless they say ^...$.
    if (deviceExclude != null && deviceExclude.matcher(disk.device()).find()) {
      return;
    }
    for (Row row : ROWS) {
      if (row.index() < disk.values().size()) {
        out.add(row.def(), disk.values().get(row.index()) * row.scale(), "device", disk.device());
      }
    }
  }
}
