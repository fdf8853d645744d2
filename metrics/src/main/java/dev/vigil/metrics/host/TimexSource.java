package dev.vigil.metrics.host;

import java.io.IOException;

/** Reads the kernel clock's discipline state (adjtimex(2) in read-only mode). */
interface TimexSource {

  Timex read() throws IOException;

  /**
   * adjtimex through JNA when JNA is on the class path (the starter brings it; the agent does not)
   * and the call works here; otherwise null, and the timex collector reports nothing. Java has no
   * other way to make this system call: nothing in /proc or /sys exposes these values.
   */
  static TimexSource detect() {
    try {
      Class.forName("com.sun.jna.Native", false, TimexSource.class.getClassLoader());
      TimexSource jna = new JnaAdjtimex();
      jna.read(); // binds libc now, not during a scrape
      return jna;
    } catch (ReflectiveOperationException | LinkageError | IOException | RuntimeException e) {
      return null;
    }
  }
}
