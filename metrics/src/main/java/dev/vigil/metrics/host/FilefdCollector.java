package dev.vigil.metrics.host;

/**
 * {@code node_filefd_allocated} and {@code node_filefd_maximum} from {@code /proc/sys/fs/file-nr}.
 */
final class FilefdCollector implements HostCollector {

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("sys/fs/file-nr"), FileNrParser.PARSER)
        .ifPresent(
            values ->
                values.forEach(
                    (name, value) ->
                        out.addNamed(
                            "node_filefd_" + name,
                            MetricDef.Type.GAUGE,
                            "File descriptor statistics: " + name + ".",
                            value)));
  }
}
