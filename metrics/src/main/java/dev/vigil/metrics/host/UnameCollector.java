package dev.vigil.metrics.host;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code node_uname_info{sysname,release,version,machine,nodename,domainname}}: the labels Node
 * Exporter Full's {@code job}/{@code nodename}/{@code node} variables read, so without it that
 * dashboard shows nothing.
 *
 * <p>Java cannot call uname(2); the kernel exposes the same strings under {@code
 * /proc/sys/kernel/}. The machine comes from {@code arch} (Linux 6.1+) or else is mapped from the
 * JVM's {@code os.arch}, whose spelling differs ({@code amd64} vs {@code x86_64}).
 */
final class UnameCollector implements HostCollector {

  private static final MetricDef UNAME =
      MetricDef.info(
          "node_uname_info", "Labeled system information as provided by the uname system call.");

  /** JVM {@code os.arch} values that differ from uname's machine field. */
  private static final Map<String, String> MACHINE_BY_OS_ARCH =
      Map.of("amd64", "x86_64", "x86", "i686", "i386", "i686", "arm", "armv7l");

  @Override
  public void collect(CollectContext context, SampleSink out) {
    Optional<String> nodename = kernel(context, "hostname");
    if (nodename.isEmpty()) {
      return; // without a nodename the series is useless to the dashboards
    }
    out.add(
        UNAME,
        1,
        "sysname",
        kernel(context, "ostype").orElse(""),
        "release",
        kernel(context, "osrelease").orElse(""),
        "version",
        kernel(context, "version").orElse(""),
        "machine",
        kernel(context, "arch").orElseGet(UnameCollector::machineFromJvm),
        "nodename",
        nodename.get(),
        "domainname",
        kernel(context, "domainname").orElse(""));
  }

  static String machineFromJvm() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return MACHINE_BY_OS_ARCH.getOrDefault(arch, arch);
  }

  private static Optional<String> kernel(CollectContext context, String name) {
    return context.readLine(context.paths().proc("sys/kernel/" + name));
  }
}
