package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code node_os_info}, {@code node_os_version} and {@code node_os_support_end_timestamp_seconds}
 * from {@code /etc/os-release} (or {@code /usr/lib/os-release}) under the rootfs path.
 */
final class OsReleaseCollector implements HostCollector {

  private static final MetricDef INFO =
      MetricDef.info(
          "node_os_info",
          "A metric with a constant '1' value labeled by build_id, id, id_like, image_id,"
              + " image_version, name, pretty_name, variant, variant_id, version,"
              + " version_codename, version_id.");
  private static final MetricDef VERSION =
      gauge("node_os_version", "Metric containing the major.minor part of the OS version.");
  private static final MetricDef SUPPORT_END =
      gauge(
          "node_os_support_end_timestamp_seconds",
          "Metric containing the end-of-life date timestamp of the OS.");

  /** Label name and the os-release key it is read from. */
  private static final List<Map.Entry<String, String>> INFO_LABELS =
      List.of(
          Map.entry("build_id", "BUILD_ID"),
          Map.entry("id", "ID"),
          Map.entry("id_like", "ID_LIKE"),
          Map.entry("image_id", "IMAGE_ID"),
          Map.entry("image_version", "IMAGE_VERSION"),
          Map.entry("name", "NAME"),
          Map.entry("pretty_name", "PRETTY_NAME"),
          Map.entry("variant", "VARIANT"),
          Map.entry("variant_id", "VARIANT_ID"),
          Map.entry("version", "VERSION"),
          Map.entry("version_codename", "VERSION_CODENAME"),
          Map.entry("version_id", "VERSION_ID"));

  private static final Pattern MAJOR_MINOR = Pattern.compile("^[0-9]+\\.?[0-9]*");

  @Override
  public void collect(CollectContext context, SampleSink out) {
    Optional<Map<String, String>> release =
        context.parse(context.paths().root("/etc/os-release"), OsReleaseParser.PARSER);
    if (release.isEmpty()) {
      release = context.parse(context.paths().root("/usr/lib/os-release"), OsReleaseParser.PARSER);
    }
    release.ifPresent(values -> emit(context, values, out));
  }

  private static void emit(CollectContext context, Map<String, String> os, SampleSink out) {
    List<String> labels = new ArrayList<>();
    for (Map.Entry<String, String> label : INFO_LABELS) {
      labels.add(label.getKey());
      labels.add(os.getOrDefault(label.getValue(), ""));
    }
    out.add(INFO, 1, labels.toArray(String[]::new));

    Matcher version = MAJOR_MINOR.matcher(os.getOrDefault("VERSION_ID", ""));
    if (version.find() && Double.parseDouble(version.group()) > 0) {
      out.add(
          VERSION,
          Double.parseDouble(version.group()),
          "id",
          os.getOrDefault("ID", ""),
          "id_like",
          os.getOrDefault("ID_LIKE", ""),
          "name",
          os.getOrDefault("NAME", ""));
    }

    String supportEnd = os.get("SUPPORT_END");
    if (supportEnd != null && !supportEnd.isEmpty()) {
      try {
        long epoch = LocalDate.parse(supportEnd).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        out.add(SUPPORT_END, epoch);
      } catch (DateTimeParseException e) {
        context.skip("os:support_end", "SUPPORT_END \"" + supportEnd + "\" is not YYYY-MM-DD");
      }
    }
  }
}
