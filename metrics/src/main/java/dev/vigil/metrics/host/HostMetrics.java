package dev.vigil.metrics.host;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Binds host metrics under node_exporter's exact names, types and labels (so Grafana's "Node
 * Exporter Full" dashboard works unchanged), read from {@code /proc} and {@code /sys} at scrape
 * time.
 *
 * <p>Collectors are switched by node_exporter's collector names ({@link #collectorNames()}). All
 * files are read at most once per {@linkplain Builder#cacheTtl cache period}, when a scrape reads
 * the first meter. A missing file or a malformed field skips that field or collector (logged once
 * at DEBUG under {@code dev.vigil.metrics.host}); it never fails a scrape. On other operating
 * systems only the portable collectors ({@code time}, and {@code loadavg} as {@code node_load1})
 * are bound.
 */
public final class HostMetrics implements MeterBinder, AutoCloseable {

  /**
   * A node_exporter collector: its name, how to build it on Linux, and elsewhere (or null), and
   * whether it is on by default (as in node_exporter).
   */
  private record Spec(
      String name,
      Function<HostMetrics, HostCollector> linux,
      Function<HostMetrics, HostCollector> portable,
      boolean byDefault) {

    Spec(
        String name,
        Function<HostMetrics, HostCollector> linux,
        Function<HostMetrics, HostCollector> portable) {
      this(name, linux, portable, true);
    }
  }

  private static final List<Spec> CATALOG =
      List.of(
          new Spec("cpu", h -> new CpuCollector(), null),
          new Spec("stat", h -> new StatCollector(), null),
          new Spec("loadavg", h -> new LoadavgCollector(), h -> new PortableLoadCollector()),
          new Spec("meminfo", h -> new MeminfoCollector(), null),
          new Spec(
              "filesystem",
              h ->
                  new FilesystemCollector(
                      h.mountPointsExclude,
                      h.fsTypesExclude,
                      new MountStatter(FsStatter.detect(), h.mountTimeout)),
              null),
          new Spec("diskstats", h -> new DiskstatsCollector(h.diskDeviceExclude), null),
          new Spec("netdev", h -> new NetDevCollector(h.netdevExclude, h.netdevInclude), null),
          new Spec("netclass", h -> new NetClassCollector(h.netclassExclude), null),
          new Spec("uname", h -> new UnameCollector(), null),
          new Spec("os", h -> new OsReleaseCollector(), null),
          new Spec("filefd", h -> new FilefdCollector(), null),
          new Spec("vmstat", h -> new VmstatCollector(h.vmstatFields), null),
          new Spec("netstat", h -> new NetstatCollector(h.netstatFields), null),
          new Spec("sockstat", h -> new SockstatCollector(), null),
          new Spec("pressure", h -> new PressureCollector(), null),
          new Spec("entropy", h -> new EntropyCollector(), null),
          new Spec("time", h -> new TimeCollector(h.clock), h -> new TimeCollector(h.clock)),
          new Spec("timex", h -> new TimexCollector(h.timexSource.get()), null),
          new Spec(
              "textfile",
              h -> new TextfileCollector(h.textfileDirectories),
              h -> new TextfileCollector(h.textfileDirectories)),
          new Spec("schedstat", h -> new SchedstatCollector(), null),
          new Spec("softnet", h -> new SoftnetCollector(), null),
          new Spec("conntrack", h -> new ConntrackCollector(), null),
          new Spec("arp", h -> new ArpCollector(), null),
          new Spec("udp_queues", h -> new UdpQueuesCollector(), null),
          new Spec("cpufreq", h -> new CpufreqCollector(), null),
          new Spec("thermal_zone", h -> new ThermalZoneCollector(), null),
          new Spec("hwmon", h -> new HwmonCollector(), null),
          new Spec("powersupplyclass", h -> new PowerSupplyCollector(), null),
          // Off by default in node_exporter: they walk every process or socket on each scrape.
          new Spec("processes", h -> new ProcessesCollector(), null, false),
          new Spec("tcpstat", h -> new TcpStatCollector(), null, false));

  private final HostPaths paths;
  private final Set<String> enabled;
  private final Duration cacheTtl;
  private final boolean linux;
  private final Pattern diskDeviceExclude;
  private final Pattern mountPointsExclude;
  private final Pattern fsTypesExclude;
  private final Pattern netdevExclude;
  private final Pattern netdevInclude;
  private final Pattern netclassExclude;
  private final Pattern vmstatFields;
  private final Pattern netstatFields;
  private final Duration mountTimeout;
  private final Clock clock;
  private final LongSupplier nanoClock;
  private final Supplier<TimexSource> timexSource;
  private final List<Path> textfileDirectories;
  private final List<HostMeterBinding> bindings = new CopyOnWriteArrayList<>();

  /** Every collector enabled, node_exporter's default filters, the running system's paths. */
  public HostMetrics() {
    this(builder());
  }

  private HostMetrics(Builder b) {
    this.paths = b.paths;
    this.enabled = Set.copyOf(b.enabled);
    this.cacheTtl = b.cacheTtl;
    this.linux = b.linux;
    this.diskDeviceExclude = compile("diskstatsDeviceExclude", b.diskDeviceExclude);
    this.mountPointsExclude = compile("filesystemMountPointsExclude", b.mountPointsExclude);
    this.fsTypesExclude = compile("filesystemFsTypesExclude", b.fsTypesExclude);
    this.netdevExclude = compile("netdevDeviceExclude", b.netdevExclude);
    this.netdevInclude = compile("netdevDeviceInclude", b.netdevInclude);
    this.netclassExclude = compile("netclassDeviceExclude", b.netclassExclude);
    this.vmstatFields = compile("vmstatFields", b.vmstatFields);
    this.netstatFields = compile("netstatFields", b.netstatFields);
    this.mountTimeout = b.mountTimeout;
    this.clock = b.clock;
    this.nanoClock = b.nanoClock;
    this.timexSource = b.timexSource;
    this.textfileDirectories = List.copyOf(b.textfileDirectories);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** node_exporter's names of the collectors this binder implements, in binding order. */
  public static List<String> collectorNames() {
    return CATALOG.stream().map(Spec::name).collect(Collectors.toUnmodifiableList());
  }

  /** The collectors on unless switched: all but those node_exporter also leaves off. */
  public static List<String> defaultCollectorNames() {
    return CATALOG.stream()
        .filter(Spec::byDefault)
        .map(Spec::name)
        .collect(Collectors.toUnmodifiableList());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    List<HostMeterBinding.Named> collectors = new ArrayList<>();
    for (Spec spec : CATALOG) {
      Function<HostMetrics, HostCollector> factory = linux ? spec.linux() : spec.portable();
      if (factory != null && enabled.contains(spec.name())) {
        collectors.add(new HostMeterBinding.Named(spec.name(), factory.apply(this)));
      }
    }
    HostMeterBinding binding =
        new HostMeterBinding(registry, collectors, paths, cacheTtl.toNanos(), nanoClock);
    bindings.add(binding);
    binding.start();
  }

  /** Removes this binder's meters from every registry it was bound to and stops its threads. */
  @Override
  public void close() {
    bindings.forEach(HostMeterBinding::close);
    bindings.clear();
  }

  /** Makes the next meter read re-read the files, regardless of the cache period. */
  void invalidate() {
    bindings.forEach(HostMeterBinding::invalidate);
  }

  private static Pattern compile(String option, String regex) {
    if (regex == null) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "HostMetrics option "
              + option
              + " is not a valid regular expression: "
              + e.getDescription()
              + " at index "
              + e.getIndex()
              + " of \""
              + regex
              + "\"",
          e);
    }
  }

  /** Configures a {@link HostMetrics}; defaults are node_exporter's. */
  public static final class Builder {
    private HostPaths paths = HostPaths.defaults();
    private final Set<String> enabled = new HashSet<>(defaultCollectorNames());
    private Duration cacheTtl = Duration.ofSeconds(1);
    private boolean linux =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    private String diskDeviceExclude = DiskstatsCollector.DEFAULT_DEVICE_EXCLUDE;
    private String mountPointsExclude = FilesystemCollector.DEFAULT_MOUNT_POINTS_EXCLUDE;
    private String fsTypesExclude = FilesystemCollector.DEFAULT_FS_TYPES_EXCLUDE;
    private String netdevExclude;
    private String netdevInclude;
    private String netclassExclude;
    private String vmstatFields = VmstatCollector.DEFAULT_FIELDS;
    private String netstatFields = NetstatCollector.DEFAULT_FIELDS;
    private Duration mountTimeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemDefaultZone();
    private LongSupplier nanoClock = System::nanoTime;
    private Supplier<TimexSource> timexSource = TimexSource::detect;
    private final List<Path> textfileDirectories = new ArrayList<>();

    private Builder() {}

    /** Where procfs, sysfs and the root filesystem are ({@code --path.*}). */
    public Builder paths(HostPaths paths) {
      this.paths = Objects.requireNonNull(paths, "paths");
      return this;
    }

    /** Turns collectors off by node_exporter name, e.g. {@code "netclass"}. */
    public Builder disable(String... collectors) {
      for (String name : collectors) {
        enabled.remove(known(name));
      }
      return this;
    }

    /** Turns collectors back on by node_exporter name. */
    public Builder enable(String... collectors) {
      for (String name : collectors) {
        enabled.add(known(name));
      }
      return this;
    }

    /** Enables exactly these collectors. */
    public Builder only(String... collectors) {
      enabled.clear();
      return enable(collectors);
    }

    /** How long one read of the files serves all meters; a scrape takes far less than this. */
    public Builder cacheTtl(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("cacheTtl must not be negative: " + ttl);
      }
      this.cacheTtl = ttl;
      return this;
    }

    /** {@code --collector.diskstats.device-exclude}; null excludes nothing. */
    public Builder diskstatsDeviceExclude(String regex) {
      this.diskDeviceExclude = regex;
      return this;
    }

    /** {@code --collector.filesystem.mount-points-exclude}; null excludes nothing. */
    public Builder filesystemMountPointsExclude(String regex) {
      this.mountPointsExclude = regex;
      return this;
    }

    /** {@code --collector.filesystem.fs-types-exclude}; null excludes nothing. */
    public Builder filesystemFsTypesExclude(String regex) {
      this.fsTypesExclude = regex;
      return this;
    }

    /** How long statvfs may take before a mount is reported as stuck. */
    public Builder filesystemMountTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("filesystemMountTimeout must be positive: " + timeout);
      }
      this.mountTimeout = timeout;
      return this;
    }

    /** {@code --collector.netdev.device-exclude}; null (the default) excludes nothing. */
    public Builder netdevDeviceExclude(String regex) {
      this.netdevExclude = regex;
      return this;
    }

    /** {@code --collector.netdev.device-include}; null (the default) includes every device. */
    public Builder netdevDeviceInclude(String regex) {
      this.netdevInclude = regex;
      return this;
    }

    /** {@code --collector.netclass.ignored-devices}; null (the default) ignores none. */
    public Builder netclassDeviceExclude(String regex) {
      this.netclassExclude = regex;
      return this;
    }

    /** {@code --collector.vmstat.fields}. */
    public Builder vmstatFields(String regex) {
      this.vmstatFields = Objects.requireNonNull(regex, "vmstatFields");
      return this;
    }

    /** {@code --collector.netstat.fields}. */
    public Builder netstatFields(String regex) {
      this.netstatFields = Objects.requireNonNull(regex, "netstatFields");
      return this;
    }

    /**
     * {@code --collector.textfile.directory}: directories whose {@code *.prom} files are exposed
     * (none by default, so only {@code node_textfile_scrape_error 0} is).
     */
    public Builder textfileDirectories(List<Path> directories) {
      textfileDirectories.clear();
      for (Path dir : directories) {
        textfileDirectories.add(Objects.requireNonNull(dir, "textfile directory"));
      }
      return this;
    }

    /** Tests: pretend to run on Linux (true) or elsewhere (false). */
    Builder linux(boolean linux) {
      this.linux = linux;
      return this;
    }

    /** Tests: the wall clock of node_time_seconds and the monotonic clock of the cache. */
    Builder clocks(Clock clock, LongSupplier nanoClock) {
      this.clock = clock;
      this.nanoClock = nanoClock;
      return this;
    }

    /** Tests: recorded adjtimex results instead of the system call. */
    Builder timexSource(TimexSource source) {
      this.timexSource = () -> source;
      return this;
    }

    public HostMetrics build() {
      return new HostMetrics(this);
    }

    private static String known(String name) {
      if (!collectorNames().contains(name)) {
        throw new IllegalArgumentException(
            "unknown host collector \"" + name + "\"; known: " + collectorNames());
      }
      return name;
    }
  }
}
