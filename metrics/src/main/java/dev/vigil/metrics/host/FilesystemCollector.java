package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import dev.vigil.metrics.host.MountInfoParser.MountInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code node_filesystem_*{device,device_error,fstype,mountpoint}} for each mount in the host's
 * mount table that node_exporter's default exclusions keep, sized by statvfs under the rootfs path.
 */
final class FilesystemCollector implements HostCollector {

  /** node_exporter's default {@code --collector.filesystem.mount-points-exclude}. */
  static final String DEFAULT_MOUNT_POINTS_EXCLUDE =
      "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";

  /** node_exporter's default {@code --collector.filesystem.fs-types-exclude}. */
  static final String DEFAULT_FS_TYPES_EXCLUDE =
      "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660"
          + "|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|erofs"
          + "|sysfs|tracefs)$";

  private static final MetricDef SIZE =
      gauge("node_filesystem_size_bytes", "Filesystem size in bytes.");
  private static final MetricDef FREE =
      gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.");
  private static final MetricDef AVAIL =
      gauge(
          "node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.");
  private static final MetricDef FILES =
      gauge("node_filesystem_files", "Filesystem total file nodes.");
  private static final MetricDef FILES_FREE =
      gauge("node_filesystem_files_free", "Filesystem total free file nodes.");
  private static final MetricDef READONLY =
      gauge("node_filesystem_readonly", "Filesystem read-only status.");
  private static final MetricDef DEVICE_ERROR =
      gauge(
          "node_filesystem_device_error",
          "Whether an error occurred while getting statistics for the given device.");
  private static final MetricDef MOUNT_INFO =
      MetricDef.info("node_filesystem_mount_info", "Filesystem mount information.");

  private final Pattern mountPointsExclude;
  private final Pattern fsTypesExclude;
  private final MountStatter statter;

  FilesystemCollector(Pattern mountPointsExclude, Pattern fsTypesExclude, MountStatter statter) {
    this.mountPointsExclude = mountPointsExclude;
    this.fsTypesExclude = fsTypesExclude;
    this.statter = statter;
  }

  @Override
  public void collect(CollectContext context, SampleSink out) {
    // PID 1's table is the host's when procfs is the host's; a JVM that may not read it (or runs
    // where /proc/1 is absent) falls back to its own, as node_exporter does.
    Optional<List<MountInfo>> mounts =
        context.parse(context.paths().proc("1/mountinfo"), MountInfoParser.PARSER);
    if (mounts.isEmpty()) {
      mounts = context.parse(context.paths().proc("self/mountinfo"), MountInfoParser.PARSER);
    }
    Set<List<String>> seen = new HashSet<>();
    for (MountInfo mount : mounts.orElse(List.of())) {
      String mountPoint = context.paths().stripRootfs(mount.mountPoint());
      if (excluded(mountPointsExclude, mountPoint) || excluded(fsTypesExclude, mount.fsType())) {
        continue;
      }
      if (seen.add(List.of(mount.source(), mountPoint, mount.fsType()))) {
        emit(context, mount, mountPoint, out);
      }
    }
  }

  @Override
  public void close() {
    statter.close();
  }

  private void emit(CollectContext context, MountInfo mount, String mountPoint, SampleSink out) {
    double readonly =
        mount.mountOptions().contains("ro")
                || mount.superOptions().contains("ro")
                || mount.superOptions().contains("emergency_ro")
            ? 1
            : 0;
    MountStatter.Result result = statter.stat(mountPoint, context.paths().root(mountPoint));
    String error = result.error() == null ? "" : result.error();
    String[] labels = {
      "device",
      mount.source(),
      "device_error",
      error,
      "fstype",
      mount.fsType(),
      "mountpoint",
      mountPoint
    };
    out.add(DEVICE_ERROR, result.error() == null ? 0 : 1, labels);
    out.add(READONLY, readonly, labels);
    if (result.error() != null) {
      return;
    }
    FsStats stats = result.stats();
    out.add(SIZE, stats.size(), labels);
    out.add(FREE, stats.free(), labels);
    out.add(AVAIL, stats.avail(), labels);
    out.add(FILES, stats.files(), labels);
    out.add(FILES_FREE, stats.filesFree(), labels);
    out.add(
        MOUNT_INFO,
        1,
        "device",
        mount.source(),
        "major",
        String.valueOf(mount.major()),
        "minor",
        String.valueOf(mount.minor()),
        "mountpoint",
        mountPoint);
  }

  private static boolean excluded(Pattern pattern, String value) {
    return pattern != null && pattern.matcher(value).find();
  }
}
