package dev.vigil.server;

import java.net.InetSocketAddress;

/** Parses {@code --web.listen-address}: {@code host:port}, {@code :port} or {@code [v6]:port}. */
final class ListenAddress {

  private ListenAddress() {}

  static InetSocketAddress parse(String s) {
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("\"" + s + "\": missing port");
    }
    String host = s.substring(0, colon);
    String portText = s.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + s + "\": invalid port \"" + portText + "\"");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("\"" + s + "\": port " + port + " out of range");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    // An empty host means all interfaces, as in Go's net.Listen.
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }
}
