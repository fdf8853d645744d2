package dev.vigil.server.storage.tsdb.block;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Makes ULID-like block ids: 26 Crockford base-32 characters, 48 bits of creation time in
 * milliseconds then 80 random bits, so ids sort by creation time and never collide in practice.
 */
public final class BlockId {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final Pattern SHAPE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private BlockId() {}

  /** A new id for a block created at {@code nowMillis}. */
  public static String next(long nowMillis) {
    byte[] rnd = new byte[10];
    RANDOM.nextBytes(rnd);
    // 128 bits as two longs: 48 time bits + 16 random in hi, 64 random in lo.
    long hi = (nowMillis << 16) | ((rnd[0] & 0xffL) << 8) | (rnd[1] & 0xffL);
    long lo = 0;
    for (int i = 2; i < 10; i++) {
      lo = (lo << 8) | (rnd[i] & 0xffL);
    }
    char[] out = new char[26];
    // 26 characters hold 130 bits; the top two are zero. Emit 5 bits at a time from the low end.
    for (int i = 25; i >= 0; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo = (lo >>> 5) | ((hi & 31) << 59);
      hi >>>= 5;
    }
    return new String(out);
  }

  /** Whether {@code name} looks like a block id, so other directories are left alone. */
  public static boolean isValid(String name) {
    return SHAPE.matcher(name).matches();
  }
}
