package dev.vigil.server.api.v1;

/**
 * Undoes Prometheus 3's "value encoding" escaping of UTF-8 names in URL paths: {@code U__} prefix,
 * {@code __} for an underscore, {@code _<hex>_} for any code point. Like Prometheus, a malformed
 * escape leaves the whole name as given rather than failing.
 */
final class LabelNameEscaping {

  private static final String PREFIX = "U__";

  private LabelNameEscaping() {}

  static String unescape(String name) {
    if (!name.startsWith(PREFIX)) {
      return name;
    }
    String s = name.substring(PREFIX.length());
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '_') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      if (i >= s.length()) {
        return name;
      }
      if (s.charAt(i) == '_') {
        out.append('_');
        i++;
        continue;
      }
      int close = s.indexOf('_', i);
      // At most six hex digits: U+10FFFF is the largest code point.
      if (close < 0 || close == i || close - i > 6) {
        return name;
      }
      int cp;
      try {
        cp = Integer.parseInt(s.substring(i, close), 16);
      } catch (NumberFormatException e) {
        return name;
      }
      boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
      if (cp > Character.MAX_CODE_POINT || surrogate) {
        return name;
      }
      out.appendCodePoint(cp);
      i = close + 1;
    }
    return out.toString();
  }
}
