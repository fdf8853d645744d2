package dev.vigil.server.scrape;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP proxy on 127.0.0.1 for tests: it records each connection's first request line,
 * then either opens a {@code CONNECT} tunnel or forwards an absolute-form request unchanged to the
 * host it names, and pipes bytes both ways until either side closes.
 */
final class TestProxy implements AutoCloseable {

  /** The first request line of each connection, in arrival order. */
  final List<String> requestLines = new CopyOnWriteArrayList<>();

  /** The Proxy-Authorization value every request must carry; null lets any request through. */
  volatile String requiredAuthorization;

  private final ServerSocket server;
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  TestProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "test-proxy");
    t.setDaemon(true);
    t.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "test-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      String text = new String(head, StandardCharsets.ISO_8859_1);
      String line = text.substring(0, text.indexOf("\r\n"));
      requestLines.add(line);
      String required = requiredAuthorization;
      if (required != null && !text.contains("\r\nProxy-Authorization: " + required + "\r\n")) {
        client
            .getOutputStream()
            .write(
                "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
        return;
      }
      String[] parts = line.split(" ");
      boolean connect = parts[0].equals("CONNECT");
      String authority =
          connect ? parts[1] : parts[1].replaceFirst("^http://", "").replaceFirst("/.*$", "");
      int colon = authority.lastIndexOf(':');
      try (Socket upstream =
          new Socket(
              authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)))) {
        open.add(upstream);
        if (connect) {
          client
              .getOutputStream()
              .write(
                  "HTTP/1.1 200 Connection established\r\n\r\n"
                      .getBytes(StandardCharsets.ISO_8859_1));
        } else {
          upstream.getOutputStream().write(head);
        }
        Thread back = new Thread(() -> pipe(upstream, client), "test-proxy-back");
        back.setDaemon(true);
        back.start();
        pipe(client, upstream);
        back.join();
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // a test proxy: the scrape under test reports what went wrong
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the end of the request head");
      }
      out.write(b);
      matched =
          (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
    return out.toByteArray();
  }

  private static void pipe(Socket from, Socket to) {
    byte[] buf = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // one side went away; closing both ends stops the other pipe
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
