package dev.vigil.metrics.host;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import java.io.IOException;

/**
 * adjtimex(2) through JNA with {@code modes = 0}, which only reads and needs no privilege. Only
 * loaded when JNA is present; {@link TimexSource#detect} guards every reference.
 */
final class JnaAdjtimex implements TimexSource {

  /** The C library's adjtimex; JNA maps it by name. */
  interface CLibrary extends Library {
    int adjtimex(TimexStruct buf);
  }

  /**
   * glibc's {@code struct timex}: C {@code long}s are {@link NativeLong} so the layout (and the
   * padding after the {@code int} fields) matches both 32- and 64-bit ABIs; the trailing reserved
   * ints are part of the kernel's struct and must be allocated.
   */
  @Structure.FieldOrder({
    "modes", "offset", "freq", "maxerror", "esterror", "status", "constant", "precision",
    "tolerance", "timeSec", "timeUsec", "tick", "ppsfreq", "jitter", "shift", "stabil", "jitcnt",
    "calcnt", "errcnt", "stbcnt", "tai", "reserved"
  })
  public static final class TimexStruct extends Structure {
    public int modes;
    public NativeLong offset;
    public NativeLong freq;
    public NativeLong maxerror;
    public NativeLong esterror;
    public int status;
    public NativeLong constant;
    public NativeLong precision;
    public NativeLong tolerance;
    public NativeLong timeSec;
    public NativeLong timeUsec;
    public NativeLong tick;
    public NativeLong ppsfreq;
    public NativeLong jitter;
    public int shift;
    public NativeLong stabil;
    public NativeLong jitcnt;
    public NativeLong calcnt;
    public NativeLong errcnt;
    public NativeLong stbcnt;
    public int tai;
    public int[] reserved = new int[11];
  }

  private final CLibrary libc = Native.load("c", CLibrary.class);

  @Override
  public Timex read() throws IOException {
    TimexStruct buf = new TimexStruct();
    int state = libc.adjtimex(buf);
    if (state < 0) {
      throw new IOException("adjtimex failed: errno " + Native.getLastError());
    }
    return new Timex(
        state,
        buf.offset.longValue(),
        buf.freq.longValue(),
        buf.maxerror.longValue(),
        buf.esterror.longValue(),
        buf.status,
        buf.constant.longValue(),
        buf.tick.longValue(),
        buf.ppsfreq.longValue(),
        buf.jitter.longValue(),
        buf.shift,
        buf.stabil.longValue(),
        buf.jitcnt.longValue(),
        buf.calcnt.longValue(),
        buf.errcnt.longValue(),
        buf.stbcnt.longValue(),
        buf.tai);
  }
}
