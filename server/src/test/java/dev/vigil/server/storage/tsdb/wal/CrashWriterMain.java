package dev.vigil.server.storage.tsdb.wal;

import dev.vigil.server.storage.tsdb.wal.record.RecordEncoder;
import dev.vigil.server.storage.tsdb.wal.record.RefSample;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link WalCrashIT} kills: replays and repairs the WAL like a restarting server,
 * then commits records from several threads forever and prints {@code synced <writer> <seq>}
 * after each commit returns.
 *
 * <p>Writer {@code run * 1000 + thread} commits sequence numbers 0, 1, 2, ... in order, so a
 * printed line promises that all of that writer's records up to {@code seq} are durable. Args:
 * wal directory, run number, thread count.
 */
final class CrashWriterMain {

  private CrashWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long run = Long.parseLong(args[1]);
    int threads = Integer.parseInt(args[2]);
    // Our own stream, flushed per line: what the parent reads was printed after the commit.
    PrintStream out = new PrintStream(
        new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    WalStats stats = new WalStats();
    WalReader.replay(dir, payload -> {}, stats);
    WalOptions options = WalOptions.defaults().withSegmentSize(64 * 1024);
    try (WalWriter w = WalWriter.open(dir, options, stats)) {
      synchronized (out) {
        out.println("ready");
        out.flush();
      }
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long writer = run * 1000 + t;
        Thread worker = new Thread(() -> commitForever(w, writer, out), "committer-" + t);
        worker.start();
        workers.add(worker);
      }
      for (Thread worker : workers) {
        worker.join();
      }
    }
  }

  private static void commitForever(WalWriter w, long writer, PrintStream out) {
    try {
      for (long seq = 0; ; seq++) {
        // Vary the size so frames straddle pages and segments at different places.
        List<RefSample> samples = new ArrayList<>();
        for (int k = 0; k <= seq % 13; k++) {
          samples.add(new RefSample(writer, seq, seq * 0.25 + k));
        }
        w.commit(List.of(RecordEncoder.samples(samples)));
        synchronized (out) {
          out.println("synced " + writer + " " + seq);
          out.flush();
        }
      }
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(3);
    }
  }
}
