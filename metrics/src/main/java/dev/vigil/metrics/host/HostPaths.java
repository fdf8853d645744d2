package dev.vigil.metrics.host;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the host's procfs, sysfs and root filesystem are mounted, with the semantics of
 * node_exporter's {@code --path.procfs}, {@code --path.sysfs} and {@code --path.rootfs}.
 *
 * <p>Inside a container the defaults describe the container's view; bind-mount the host's {@code
 * /proc}, {@code /sys} and {@code /} and point these paths at them to describe the host.
 */
public final class HostPaths {

  private final Path procfs;
  private final Path sysfs;
  private final Path rootfs;

  private HostPaths(Path procfs, Path sysfs, Path rootfs) {
    this.procfs = Objects.requireNonNull(procfs, "procfs");
    this.sysfs = Objects.requireNonNull(sysfs, "sysfs");
    this.rootfs = Objects.requireNonNull(rootfs, "rootfs");
  }

  /** The running system's own {@code /proc}, {@code /sys} and {@code /}. */
  public static HostPaths defaults() {
    return new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/"));
  }

  /** Explicit mount points, e.g. {@code /host/proc}, {@code /host/sys}, {@code /host}. */
  public static HostPaths of(Path procfs, Path sysfs, Path rootfs) {
    return new HostPaths(procfs, sysfs, rootfs);
  }

  /**
   * Paths under one directory laid out as {@code <root>/proc}, {@code <root>/sys}, {@code
   * <root>/rootfs}.
   */
  static HostPaths under(Path root) {
    return new HostPaths(root.resolve("proc"), root.resolve("sys"), root.resolve("rootfs"));
  }

  public Path procfs() {
    return procfs;
  }

  public Path sysfs() {
    return sysfs;
  }

  public Path rootfs() {
    return rootfs;
  }

  Path proc(String relative) {
    return procfs.resolve(relative);
  }

  Path sys(String relative) {
    return sysfs.resolve(relative);
  }

  /** A path of the host's root filesystem, e.g. {@code /etc/os-release} under {@link #rootfs()}. */
  Path root(String absolute) {
    String relative = absolute.startsWith("/") ? absolute.substring(1) : absolute;
    return relative.isEmpty() ? rootfs : rootfs.resolve(relative);
  }

  /**
   * Removes the rootfs prefix from a mount point seen in the JVM's own mount table, as
   * node_exporter does, so that {@code /host/boot} is reported as {@code /boot} when rootfs is
   * {@code /host}.
   */
  String stripRootfs(String mountPoint) {
    String prefix = rootfs.toString();
    if (prefix.equals("/") || !mountPoint.startsWith(prefix)) {
      return mountPoint;
    }
    String stripped = mountPoint.substring(prefix.length());
    if (stripped.isEmpty()) {
      return "/";
    }
    // "/hostile" must not lose "/host": only strip at a path boundary.
    return stripped.startsWith("/") ? stripped : mountPoint;
  }

  @Override
  public String toString() {
    return "HostPaths[procfs=" + procfs + ", sysfs=" + sysfs + ", rootfs=" + rootfs + "]";
  }
}
