package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The lean scrape client against a raw socket server that answers with exactly given bytes. */
class LeanHttpClientTest {

  private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

  private final RawServer server = new RawServer();
  private LeanHttpClient client;

  LeanHttpClientTest() throws IOException {}

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private LeanHttpClient client(long maxBody) {
    client =
        new LeanHttpClient(
            URI.create("http://127.0.0.1:" + server.port() + "/metrics?x=1"),
            List.of("Accept: text/plain", "X-Prometheus-Scrape-Timeout-Seconds: 10"),
            maxBody);
    return client;
  }

  private static String ok(String body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  @Test
  void readsABodyFramedByContentLengthAndSendsThePreparedRequest() throws Exception {
    server.reply(ok("a 1\n"));

    LeanHttpClient.Response r = client(1 << 20).get(TIMEOUT);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("text/plain; version=0.0.4");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("a 1\n");
    assertThat(server.requests.take())
        .startsWith("GET /metrics?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
        .contains("\r\nAccept: text/plain\r\n", "\r\nX-Prometheus-Scrape-Timeout-Seconds: 10\r\n")
        .endsWith("\r\n\r\n");
  }

  @Test
  void readsABodyLargerThanItsBufferWhole() throws Exception {
    // Past the 16 KiB read buffer the rest of the body is read straight into the body array.
    StringBuilder body = new StringBuilder();
    for (int i = 0; body.length() < 200_000; i++) {
      body.append("synthetic_series_total{instance=\"x\",n=\"").append(i).append("\"} ");
      body.append(i).append('\n');
    }
    server.reply(ok(body.toString()));
    server.reply(ok("after 1\n"));
    LeanHttpClient c = client(1 << 20);

    assertThat(new String(c.get(TIMEOUT).body(), StandardCharsets.UTF_8))
        .isEqualTo(body.toString());
    assertThat(new String(c.get(TIMEOUT).body(), StandardCharsets.UTF_8)).isEqualTo("after 1\n");
    assertThat(server.connections.get()).isEqualTo(1);
  }

  @Test
  void readsEachBodyIntoTheBufferItsThreadKeepsAndDelimitsItByLength() throws Throwable {
    server.reply(ok("a_longer_first_body 1\n"));
    server.reply(ok("b 2\n"));
    server.reply(ok("c_grown_well_past_the_kept_buffer_and_its_spare_eighth 3\n"));
    LeanHttpClient c = client(1 << 20);

    onFreshThread(
        () -> {
          LeanHttpClient.Response first = c.get(TIMEOUT);
          byte[] kept = first.buffer();
          LeanHttpClient.Response second = c.get(TIMEOUT);

          assertThat(second.buffer()).isSameAs(kept);
          assertThat(second.length()).isEqualTo(4);
          assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("b 2\n");
          LeanHttpClient.Response third = c.get(TIMEOUT);
          assertThat(new String(third.buffer(), 0, third.length(), StandardCharsets.UTF_8))
              .isEqualTo("c_grown_well_past_the_kept_buffer_and_its_spare_eighth 3\n");
          assertThat(third.buffer()).isNotSameAs(kept);
        });
  }

  @Test
  void sharesTheBodyBufferBetweenClientsOnOneThreadButNotBetweenThreads() throws Throwable {
    // Targets are scraped one after another on the same few I/O threads: one array per thread
    // serves them all, and a thread never sees another thread's array.
    server.closeAfterEachReply = true;
    server.reply(ok("first_target 1\n"));
    server.reply(ok("second 2\n"));
    server.reply(ok("on_another_thread 3\n"));
    LeanHttpClient a = client(1 << 20);
    LeanHttpClient b =
        new LeanHttpClient(
            URI.create("http://127.0.0.1:" + server.port() + "/metrics"), List.of(), 1 << 20);
    byte[][] seen = new byte[3][];

    try (b) {
      onFreshThread(
          () -> {
            seen[0] = a.get(TIMEOUT).buffer();
            LeanHttpClient.Response second = b.get(TIMEOUT);
            seen[1] = second.buffer();
            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("second 2\n");
          });
      onFreshThread(() -> seen[2] = a.get(TIMEOUT).buffer());
    }

    assertThat(seen[1]).isSameAs(seen[0]);
    assertThat(seen[2]).isNotSameAs(seen[0]);
  }

  @Test
  void readsABodyPastTheKeptSizeIntoAnArrayOfItsOwn() throws Throwable {
    String big = "x".repeat(LeanHttpClient.KEEP_BODY_BUFFER_AT_MOST + 1);
    server.reply(ok("small 1\n"));
    server.reply(ok(big));
    server.reply(ok("small 2\n"));
    LeanHttpClient c = client(1L << 30);

    onFreshThread(
        () -> {
          byte[] kept = c.get(TIMEOUT).buffer();
          LeanHttpClient.Response huge = c.get(TIMEOUT);
          LeanHttpClient.Response after = c.get(TIMEOUT);

          assertThat(huge.buffer()).hasSize(big.length()).isNotSameAs(kept);
          assertThat(after.buffer()).as("the huge body's array is not kept").isSameAs(kept);
          assertThat(new String(after.body(), StandardCharsets.UTF_8)).isEqualTo("small 2\n");
        });
  }

  /** Runs {@code body} on a new thread, whose kept body buffer starts out empty; rethrows. */
  private static void onFreshThread(Executable body) throws Throwable {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                body.execute();
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    t.start();
    t.join();
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  @Test
  void reportsALargeBodyCutShortByTheServer() throws Exception {
    server.closeAfterEachReply = true;
    server.reply(
        "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(40_000));

    assertThatThrownBy(() -> client(1 << 20).get(TIMEOUT))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("middle of the body");
  }

  @Test
  void readsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
    server.reply(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;ext=1\r\na 1\n\r\n"
            + "a\r\nbb 22\ncc 3\r\n"
            + "0\r\nX-Trailer: t\r\n\r\n");

    LeanHttpClient.Response r = client(1 << 20).get(TIMEOUT);

    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("a 1\nbb 22\ncc 3");
  }

  @Test
  void decodesGzip() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write("zipped 42\n".getBytes(StandardCharsets.UTF_8));
    }
    byte[] z = zipped.toByteArray();
    server.reply(
        ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + z.length + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1),
        z);

    LeanHttpClient.Response r = client(1 << 20).get(TIMEOUT);

    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("zipped 42\n");
  }

  @Test
  void reusesOneConnectionForSeveralScrapes() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.reply(ok("n " + i + "\n"));
    }
    LeanHttpClient c = client(1 << 20);

    for (int i = 0; i < 3; i++) {
      assertThat(new String(c.get(TIMEOUT).body(), StandardCharsets.UTF_8))
          .isEqualTo("n " + i + "\n");
    }

    assertThat(server.connections.get()).isEqualTo(1);
  }

  @Test
  void reconnectsWhenTheServerClosedTheConnectionBetweenScrapes() throws Exception {
    server.reply(ok("first 1\n"));
    server.closeAfterEachReply = true;
    LeanHttpClient c = client(1 << 20);
    assertThat(c.get(TIMEOUT).status()).isEqualTo(200);
    server.reply(ok("second 2\n"));

    // The first write or read on the dead connection fails; the retry on a fresh one succeeds.
    LeanHttpClient.Response r = c.get(TIMEOUT);

    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("second 2\n");
    assertThat(server.connections.get()).isEqualTo(2);
  }

  @Test
  void honoursConnectionCloseAndBodiesDelimitedByTheEndOfTheConnection() throws Exception {
    server.reply("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nold 1\n");
    server.closeAfterEachReply = true;
    server.reply("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 6\r\n\r\nnew 2\n");
    LeanHttpClient c = client(1 << 20);

    assertThat(new String(c.get(TIMEOUT).body(), StandardCharsets.UTF_8)).isEqualTo("old 1\n");
    assertThat(new String(c.get(TIMEOUT).body(), StandardCharsets.UTF_8)).isEqualTo("new 2\n");
    assertThat(server.connections.get()).isEqualTo(2);
  }

  @Test
  void timesOutOnAStalledServerInsteadOfHanging() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    server.stall = never;
    try {
      LeanHttpClient c = client(1 << 20);
      assertThatThrownBy(() -> c.get(TimeUnit.MILLISECONDS.toNanos(200)))
          .isInstanceOf(SocketTimeoutException.class);
    } finally {
      never.countDown();
    }
  }

  @Test
  void timesOutOnAServerThatStallsInTheMiddleOfTheBody() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    server.reply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
    server.stallAfterReply = never;
    try {
      LeanHttpClient c = client(1 << 20);
      assertThatThrownBy(() -> c.get(TimeUnit.MILLISECONDS.toNanos(200)))
          .isInstanceOf(SocketTimeoutException.class);
    } finally {
      never.countDown();
    }
  }

  @Test
  void rejectsAMalformedStatusLineQuotingIt() throws Exception {
    server.reply("HTTP/1.1 2x0 OK\r\n\r\n");

    assertThatThrownBy(() -> client(1 << 20).get(TIMEOUT))
        .isInstanceOf(LeanHttpClient.MalformedResponseException.class)
        .hasMessage("malformed HTTP status code in \"HTTP/1.1 2x0 OK\"");
  }

  @Test
  void rejectsSomethingThatIsNotHttp() throws Exception {
    server.reply("SSH-2.0-OpenSSH_9.6\r\n");

    assertThatThrownBy(() -> client(1 << 20).get(TIMEOUT))
        .hasMessage("malformed HTTP status line \"SSH-2.0-OpenSSH_9.6\"");
  }

  @Test
  void rejectsAMalformedHeaderQuotingIt() throws Exception {
    server.reply("HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n");

    assertThatThrownBy(() -> client(1 << 20).get(TIMEOUT))
        .hasMessage("malformed HTTP response header \"Content-Length: 12abc\"");
  }

  @Test
  void rejectsAMalformedChunkSize() throws Exception {
    server.reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");

    assertThatThrownBy(() -> client(1 << 20).get(TIMEOUT))
        .hasMessage("malformed chunk size \"zz\"");
  }

  @Test
  void returnsANon200StatusAndKeepsTheConnection() throws Exception {
    server.reply(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5\r\n\r\nbusy\n" + ok("b 2\n"));
    LeanHttpClient c = client(1 << 20);

    assertThat(c.get(TIMEOUT).status()).isEqualTo(503);
    assertThat(c.get(TIMEOUT).status()).isEqualTo(200);
    assertThat(server.connections.get()).isEqualTo(1);
  }

  @Test
  void refusesABodyOverTheLimitByItsContentLength() throws Exception {
    server.reply(ok("0123456789"));

    assertThatThrownBy(() -> client(9).get(TIMEOUT))
        .isInstanceOf(LeanHttpClient.BodyTooLargeException.class)
        .hasMessage("body size limit exceeded");
  }

  @Test
  void refusesAChunkedBodyOverTheLimit() throws Exception {
    server.reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n01234567\r\n8\r\n");

    assertThatThrownBy(() -> client(12).get(TIMEOUT)).hasMessage("body size limit exceeded");
  }

  @Test
  void refusesAGzipBodyThatInflatesOverTheLimit() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(new byte[10_000]);
    }
    byte[] z = zipped.toByteArray();
    server.reply(
        ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + z.length + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1),
        z);

    assertThatThrownBy(() -> client(1000).get(TIMEOUT)).hasMessage("body size limit exceeded");
  }

  @Test
  void reportsAConnectionThatClosesBeforeAResponse() throws Exception {
    server.reply("");
    server.closeAfterEachReply = true;

    assertThatThrownBy(() -> client(1 << 20).get(TIMEOUT))
        .hasMessage("server closed the connection before a complete response");
  }

  @Test
  void closeBreaksABlockedRequest() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    server.stall = never;
    LeanHttpClient c = client(1 << 20);
    List<Throwable> failures = new ArrayList<>();
    Thread t =
        new Thread(
            () -> {
              try {
                c.get(TIMEOUT);
              } catch (IOException e) {
                synchronized (failures) {
                  failures.add(e);
                }
              }
            });
    try {
      t.start();
      server.requests.take(); // the request is out, so the client is blocked reading
      c.close();
      t.join();
    } finally {
      never.countDown();
    }
    assertThat(failures).hasSize(1);
  }

  /**
   * A one-thread server on 127.0.0.1: per request it reads the request head and writes the next
   * queued reply verbatim, keeping the connection unless told to close it.
   */
  private static final class RawServer implements AutoCloseable {
    final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    final AtomicInteger connections = new AtomicInteger();
    private final BlockingQueue<byte[]> replies = new LinkedBlockingQueue<>();
    private final ServerSocket socket;
    private final Thread thread;
    volatile boolean closeAfterEachReply;
    volatile CountDownLatch stall;
    volatile CountDownLatch stallAfterReply;

    RawServer() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread = new Thread(this::run, "raw-http-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    void reply(String raw) {
      replies.add(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    void reply(byte[] head, byte[] body) {
      byte[] all = new byte[head.length + body.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(body, 0, all, head.length, body.length);
      replies.add(all);
    }

    private void run() {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          connections.incrementAndGet();
          serve(s);
        } catch (IOException | InterruptedException e) {
          // Closed by the test, or the client went away: accept the next connection.
        }
      }
    }

    private void serve(Socket s) throws IOException, InterruptedException {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        requests.add(head);
        if (stall != null) {
          stall.await();
          return;
        }
        out.write(replies.take());
        out.flush();
        if (stallAfterReply != null) {
          stallAfterReply.await();
          return;
        }
        if (closeAfterEachReply) {
          return;
        }
      }
    }

    private static String readHead(InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        sb.append((char) c);
        if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
          return sb.toString();
        }
      }
      return null;
    }

    @Override
    public void close() throws Exception {
      socket.close();
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
  }
}
