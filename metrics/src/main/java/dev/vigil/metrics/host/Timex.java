package dev.vigil.metrics.host;

/**
 * The fields of Linux's {@code struct timex} that node_exporter's timex collector reports, as
 * adjtimex(2) returned them, plus the call's return value (the clock state).
 *
 * <p>Units are the kernel's: {@code offset} and {@code jitter} in microseconds, or nanoseconds
 * when {@code status} has {@code STA_NANO}; {@code maxerror}, {@code esterror} and {@code tick} in
 * microseconds; {@code freq}, {@code ppsfreq} and {@code stabil} in ppm with a 16-bit fraction;
 * {@code shift} as a power of two of seconds.
 */
record Timex(
    int state,
    long offset,
    long freq,
    long maxerror,
    long esterror,
    int status,
    long constant,
    long tick,
    long ppsfreq,
    long jitter,
    int shift,
    long stabil,
    long jitcnt,
    long calcnt,
    long errcnt,
    long stbcnt,
    int tai) {}
