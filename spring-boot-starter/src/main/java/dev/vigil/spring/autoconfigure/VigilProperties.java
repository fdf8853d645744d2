package dev.vigil.spring.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's own settings, under {@code vigil.*}; Boot's {@code management.*} keys stay Boot's.
 *
 * <p>Every switch defaults to on, so the starter works with no property set.
 */
@ConfigurationProperties("vigil")
public class VigilProperties {

  private final Metrics metrics = new Metrics();
  private final Endpoints endpoints = new Endpoints();

  public Metrics getMetrics() {
    return metrics;
  }

  public Endpoints getEndpoints() {
    return endpoints;
  }

  /** Settings for the meters the starter adds or labels. */
  public static class Metrics {

    private final ApplicationTag applicationTag = new ApplicationTag();
    private final Process process = new Process();
    private final ClientProcess clientProcess = new ClientProcess();
    private final ThreadDeadlock threadDeadlock = new ThreadDeadlock();
    private final Host host = new Host();
    private final TomcatThreads tomcatThreads = new TomcatThreads();

    public ApplicationTag getApplicationTag() {
      return applicationTag;
    }

    public Process getProcess() {
      return process;
    }

    public ClientProcess getClientProcess() {
      return clientProcess;
    }

    public ThreadDeadlock getThreadDeadlock() {
      return threadDeadlock;
    }

    public Host getHost() {
      return host;
    }

    public TomcatThreads getTomcatThreads() {
      return tomcatThreads;
    }
  }

  /** Host metrics under node_exporter's names (dev.vigil.metrics.host.HostMetrics). */
  public static class Host {

    /**
     * Whether to bind host metrics under node_exporter's names (node_cpu_seconds_total,
     * node_memory_MemTotal_bytes, ...), read from /proc and /sys at scrape time.
     */
    private boolean enabled = true;

    /**
     * Per-collector switches, keyed by node_exporter's collector name (cpu, meminfo, filesystem,
     * netclass, ...). Collectors not listed stay enabled.
     */
    private final Map<String, Collector> collectors = new LinkedHashMap<>();

    private final HostPath path = new HostPath();

    private final Textfile textfile = new Textfile();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Map<String, Collector> getCollectors() {
      return collectors;
    }

    public HostPath getPath() {
      return path;
    }

    public Textfile getTextfile() {
      return textfile;
    }
  }

  /** node_exporter's textfile collector. */
  public static class Textfile {

    /**
     * Directories whose *.prom files are exposed, like node_exporter's
     * --collector.textfile.directory. None by default: then only node_textfile_scrape_error 0 is.
     */
    private List<Path> directories = new ArrayList<>();

    public List<Path> getDirectories() {
      return directories;
    }

    public void setDirectories(List<Path> directories) {
      this.directories = directories;
    }
  }

  /** One host collector's switch. */
  public static class Collector {

    /** Whether this node_exporter collector is bound. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Where the host's filesystems are, as node_exporter's --path.* flags. */
  public static class HostPath {

    /** Mount point of the host's procfs (node_exporter's --path.procfs). */
    private Path procfs = Path.of("/proc");

    /** Mount point of the host's sysfs (node_exporter's --path.sysfs). */
    private Path sysfs = Path.of("/sys");

    /** Mount point of the host's root filesystem (node_exporter's --path.rootfs). */
    private Path rootfs = Path.of("/");

    public Path getProcfs() {
      return procfs;
    }

    public void setProcfs(Path procfs) {
      this.procfs = procfs;
    }

    public Path getSysfs() {
      return sysfs;
    }

    public void setSysfs(Path sysfs) {
      this.sysfs = sysfs;
    }

    public Path getRootfs() {
      return rootfs;
    }

    public void setRootfs(Path rootfs) {
      this.rootfs = rootfs;
    }
  }

  /** Tomcat's thread-pool meters, which need Tomcat's MBean registry. */
  public static class TomcatThreads {

    /**
     * Whether to default 'server.tomcat.mbeanregistry.enabled' to true, so that Boot binds
     * tomcat_threads_busy_threads and tomcat_threads_config_max_threads. A value set for that key
     * always wins.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The default {@code application} tag on every meter. */
  public static class ApplicationTag {

    /**
     * Whether to default 'management.metrics.tags.application' to 'spring.application.name' (or
     * "application" when that is unset). A value set for that key always wins.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Process memory and OS thread gauges read from /proc/self/status (Linux only). */
  public static class Process {

    /** Whether to bind process_memory_{vss,rss,swap}_bytes and process_threads. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The process metrics of Prometheus client libraries, read from /proc/self (Linux only). */
  public static class ClientProcess {

    /**
     * Whether to bind process_cpu_seconds_total, process_resident_memory_bytes,
     * process_virtual_memory_bytes, process_virtual_memory_max_bytes, process_open_fds and
     * process_max_fds (the "Exporter Process" panels of Node Exporter Full read them).
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Deadlocked-thread gauges, which Spring Boot does not bind. */
  public static class ThreadDeadlock {

    /**
     * Whether to bind jvm_threads_deadlocked_threads and jvm_threads_deadlocked_monitor_threads.
     * Each scrape then runs the JVM's deadlock detection, which pauses at a safepoint for a time
     * proportional to the number of threads.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Settings for the actuator endpoints the starter exposes. */
  public static class Endpoints {

    private final DefaultExposure defaultExposure = new DefaultExposure();

    public DefaultExposure getDefaultExposure() {
      return defaultExposure;
    }
  }

  /** The default web exposure of actuator endpoints. */
  public static class DefaultExposure {

    /**
     * Whether to default 'management.endpoints.web.exposure.include' to "health,info,prometheus"
     * instead of Boot's "health". A value set for that key always wins.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
