package dev.vigil.agent.tooling;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Reads, on Linux, the CPU time (user + system) the process has used minus that of the calling
 * thread, from {@code /proc/self/stat} and {@code /proc/thread-self/stat}, and the idle time of the
 * whole machine from {@code /proc/stat}.
 *
 * <p>Why {@code /proc} and not {@code OperatingSystemMXBean}: JMX would load and initialise the
 * management subsystem while the application starts, the very competition the wait avoids. Both
 * files stay open and are re-read from offset 0, which makes the kernel regenerate them: one
 * {@code pread} each per sample, no allocation.
 */
final class ProcessCpu implements Closeable {

  /**
   * Nanoseconds per clock tick. The tick of {@code /proc}'s times is {@code USER_HZ}, which Linux
   * fixes at 100 in its user-space ABI on every architecture the JDK runs on; Java cannot ask
   * {@code sysconf(_SC_CLK_TCK)}.
   */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private static final int UTIME_FIELD = 14;

  /** Fields of the {@code cpu} line of {@code /proc/stat} that count as idle: idle, iowait. */
  private static final int IDLE_FIELD = 4;

  private static final int IOWAIT_FIELD = 5;

  private final RandomAccessFile process;
  private final RandomAccessFile thread;
  private final RandomAccessFile machine;
  private final byte[] buffer = new byte[1024];

  private ProcessCpu(RandomAccessFile process, RandomAccessFile thread, RandomAccessFile machine) {
    this.process = process;
    this.thread = thread;
    this.machine = machine;
  }

  /**
   * Opens the files for the calling thread, which is the one whose CPU {@link #otherCpuNanos}
   * leaves out; null where there is no {@code /proc/self/stat}. Without {@code /proc/thread-self}
   * (Linux before 3.17) the calling thread's own CPU is counted too, which errs on waiting longer.
   */
  static ProcessCpu open() {
    RandomAccessFile process;
    try {
      process = new RandomAccessFile("/proc/self/stat", "r");
    } catch (IOException noProc) {
      return null;
    }
    RandomAccessFile thread;
    try {
      thread = new RandomAccessFile("/proc/thread-self/stat", "r");
    } catch (IOException noThreadSelf) {
      thread = null;
    }
    RandomAccessFile machine;
    try {
      machine = new RandomAccessFile("/proc/stat", "r");
    } catch (IOException noProcStat) {
      machine = null;
    }
    ProcessCpu cpu = new ProcessCpu(process, thread, machine);
    try {
      cpu.otherCpuNanos();
    } catch (IOException | RuntimeException unreadable) {
      cpu.close();
      return null;
    }
    return cpu;
  }

  /**
   * The idle time (idle + iowait) of all the machine's processors together since boot, or -1
   * where {@code /proc/stat} cannot be read. In a container it is the host's, whose processors may
   * be more than the container's share: then it only ever says "idle" too readily, never too late.
   */
  long machineIdleNanos() {
    if (machine == null) {
      return -1;
    }
    try {
      return cpuLineIdleTicks(buffer, read(machine)) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException unreadable) {
      return -1;
    }
  }

  /**
   * idle + iowait of the first line of {@code /proc/stat}, {@code cpu  user nice system idle
   * iowait ...}, the sum over all processors, in clock ticks.
   */
  static long cpuLineIdleTicks(byte[] text, int length) {
    if (length < 4 || text[0] != 'c' || text[1] != 'p' || text[2] != 'u' || text[3] != ' ') {
      throw new IllegalArgumentException("/proc/stat does not start with a 'cpu ' line");
    }
    int i = 3;
    int field = 0;
    long sum = 0;
    while (field < IOWAIT_FIELD) {
      while (i < length && text[i] == ' ') {
        i++;
      }
      if (i == length || text[i] == '\n') {
        throw new IllegalArgumentException(
            "the cpu line of /proc/stat has only " + field + " fields");
      }
      field++;
      long value = 0;
      while (i < length && text[i] != ' ' && text[i] != '\n') {
        byte digit = text[i];
        if (digit < '0' || digit > '9') {
          throw new IllegalArgumentException(
              "field " + field + " of the cpu line of /proc/stat is no number");
        }
        value = value * 10 + (digit - '0');
        i++;
      }
      if (field >= IDLE_FIELD) {
        sum += value;
      }
    }
    return sum;
  }

  /** The CPU time of every thread of the process but the one that opened this, dead ones too. */
  long otherCpuNanos() throws IOException {
    long ticks = ticks(process);
    if (thread != null) {
      ticks -= ticks(thread);
    }
    return ticks * NANOS_PER_TICK;
  }

  /** utime + stime of a {@code stat} file, read again from its start. */
  private long ticks(RandomAccessFile file) throws IOException {
    return statTicks(buffer, read(file));
  }

  /** Reads the start of {@code file} into the buffer, again from offset 0; answers the length. */
  private int read(RandomAccessFile file) throws IOException {
    file.seek(0);
    int length = 0;
    int read;
    while (length < buffer.length) {
      read = file.read(buffer, length, buffer.length - length);
      if (read <= 0) {
        break;
      }
      length += read;
    }
    return length;
  }

  /**
   * utime (field 14) + stime (field 15) of a {@code stat} line. The second field, the command name
   * in parentheses, may itself hold spaces and parentheses, so fields are counted from the last
   * {@code ')'}, which is followed by field 3.
   */
  static long statTicks(byte[] line, int length) {
    int position = length - 1;
    while (position >= 0 && line[position] != ')') {
      position--;
    }
    if (position < 0) {
      throw new IllegalArgumentException("no ')' in a /proc stat line");
    }
    int field = 2;
    long sum = 0;
    int i = position + 1;
    while (i < length && field < UTIME_FIELD + 1) {
      while (i < length && line[i] == ' ') {
        i++;
      }
      if (i == length || line[i] == '\n') {
        break;
      }
      field++;
      long value = 0;
      while (i < length && line[i] != ' ' && line[i] != '\n') {
        byte digit = line[i];
        if (field >= UTIME_FIELD) {
          if (digit < '0' || digit > '9') {
            throw new IllegalArgumentException(
                "field " + field + " of a /proc stat line is no number");
          }
          value = value * 10 + (digit - '0');
        }
        i++;
      }
      if (field >= UTIME_FIELD) {
        sum += value;
      }
    }
    if (field < UTIME_FIELD + 1) {
      throw new IllegalArgumentException("a /proc stat line with only " + field + " fields");
    }
    return sum;
  }

  @Override
  public void close() {
    closeQuietly(process);
    closeQuietly(thread);
    closeQuietly(machine);
  }

  private static void closeQuietly(RandomAccessFile file) {
    if (file == null) {
      return;
    }
    try {
      file.close();
    } catch (IOException ignored) {
      // Read-only /proc file: nothing was written that closing could lose.
    }
  }
}
