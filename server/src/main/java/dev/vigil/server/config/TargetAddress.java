package dev.vigil.server.config;

import dev.vigil.server.format.GoQuote;

/**
 * Checks a static target address: {@code host}, {@code host:port} or {@code [v6]:port}. Like
 * Prometheus we refuse URLs ("/" in the address); we also check the port, which Prometheus only
 * notices when the first scrape fails.
 */
final class TargetAddress {

  private TargetAddress() {}

  /** Null when fine, else the reason. */
  static String check(String address) {
    String q = GoQuote.quote(address);
    if (address.isEmpty()) {
      return "empty target address";
    }
    if (address.contains("/")) {
      return q + " is not a valid hostname";
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return q + " is not a valid target address: contains whitespace";
      }
    }
    String host;
    String port = null;
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      if (close < 0) {
        return q + " is not a valid target address: missing \"]\" after IPv6 address";
      }
      host = address.substring(1, close);
      String rest = address.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return q + " is not a valid target address: expected \":port\" after \"]\"";
        }
        port = rest.substring(1);
      }
    } else {
      int colon = address.lastIndexOf(':');
      if (colon >= 0 && address.indexOf(':') != colon) {
        return q + " is not a valid target address: IPv6 addresses must be in brackets";
      }
      host = colon < 0 ? address : address.substring(0, colon);
      port = colon < 0 ? null : address.substring(colon + 1);
    }
    if (host.isEmpty()) {
      return q + " is not a valid target address: missing host";
    }
    if (port != null) {
      if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
        return q + " is not a valid target address: invalid port " + GoQuote.quote(port);
      }
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        return q + " is not a valid target address: port " + p + " out of range";
      }
    }
    return null;
  }
}
