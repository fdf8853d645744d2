package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code node_cpu_frequency_*_hertz{cpu}} and {@code node_cpu_scaling_frequency_*_hertz{cpu}} from
 * {@code /sys/devices/system/cpu/cpuN/cpufreq/}, whose values are kHz; virtual machines often have
 * no cpufreq directory at all.
 */
final class CpufreqCollector implements HostCollector {

  /** Compiled once: {@code String.matches} compiles its regex on every call, every scrape. */
  private static final Pattern CPU_DIR = Pattern.compile("cpu[0-9]+");

  /** One cpufreq attribute and the gauge it feeds. */
  private record Row(String file, MetricDef def) {}

  private static final List<Row> ROWS =
      List.of(
          new Row(
              "cpuinfo_cur_freq",
              gauge("node_cpu_frequency_hertz", "Current CPU thread frequency in hertz.")),
          new Row(
              "cpuinfo_min_freq",
              gauge("node_cpu_frequency_min_hertz", "Minimum CPU thread frequency in hertz.")),
          new Row(
              "cpuinfo_max_freq",
              gauge("node_cpu_frequency_max_hertz", "Maximum CPU thread frequency in hertz.")),
          new Row(
              "scaling_cur_freq",
              gauge(
                  "node_cpu_scaling_frequency_hertz",
                  "Current scaled CPU thread frequency in hertz.")),
          new Row(
              "scaling_min_freq",
              gauge(
                  "node_cpu_scaling_frequency_min_hertz",
                  "Minimum scaled CPU thread frequency in hertz.")),
          new Row(
              "scaling_max_freq",
              gauge(
                  "node_cpu_scaling_frequency_max_hertz",
                  "Maximum scaled CPU thread frequency in hertz.")));

  private static final double HZ_PER_KHZ = 1000;

  @Override
  public void collect(CollectContext context, SampleSink out) {
    Path cpus = context.paths().sys("devices/system/cpu");
    for (String dir : context.subdirectories(cpus)) {
      if (!CPU_DIR.matcher(dir).matches()) {
        continue;
      }
      Path cpufreq = cpus.resolve(dir).resolve("cpufreq");
      String cpu = dir.substring(3);
      for (Row row : ROWS) {
        context
            .readLine(cpufreq.resolve(row.file()))
            .ifPresent(
                text -> {
                  try {
                    out.add(row.def(), ProcNumbers.integer(text) * HZ_PER_KHZ, "cpu", cpu);
                  } catch (NumberFormatException e) {
                    context.skip(
                        "cpufreq:" + dir + row.file(), cpufreq.resolve(row.file()) + ": " + text);
                  }
                });
      }
    }
  }
}
