package dev.vigil.agent.bootstrap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client recorder for bridge tests: each request becomes a line {@code <method> <host> <status>
 * <error>}; a response object, which these bridges never hand over, becomes an "unexpected" line.
 */
final class RecordedClientRequests implements HttpClientRecorder {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void record(String method, String host, int status, Throwable error, long nanos) {
    lines.add(method + " " + host + " " + status + " " + error);
  }

  @Override
  public void recordResponse(
      String method, String host, Object response, Throwable error, long nanos) {
    lines.add("unexpected response " + response);
  }

  List<String> lines() {
    return lines;
  }
}
