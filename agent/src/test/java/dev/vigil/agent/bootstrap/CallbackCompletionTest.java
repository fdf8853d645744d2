package dev.vigil.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallbackCompletionTest {

  /** The shape of HttpClient 5's {@code AsyncExecCallback}. */
  interface ExecCallback {
    Object handleResponse(Response response, Object details);

    void completed();

    void failed(Exception cause);
  }

  /** The shape of HttpClient 5's {@code HttpResponse}. */
  interface Response {
    int getCode();
  }

  private final RecordedClientRequests recorder = new RecordedClientRequests();
  private final List<String> clientCalls = new ArrayList<>();

  private final ExecCallback client =
      new ExecCallback() {
        @Override
        public Object handleResponse(Response response, Object details) {
          clientCalls.add("handleResponse " + response.getCode());
          return "consumer";
        }

        @Override
        public void completed() {
          clientCalls.add("completed");
        }

        @Override
        public void failed(Exception cause) {
          clientCalls.add("failed");
          throw new IllegalStateException("the client's callback failed too");
        }
      };

  @BeforeEach
  void connectRecorder() {
    HttpClientBridge.setRecorder(recorder);
  }

  @AfterEach
  void disconnectRecorder() {
    HttpClientBridge.setRecorder(null);
  }

  private ExecCallback wrapped() throws NoSuchMethodException {
    return (ExecCallback)
        HttpClientBridge.recordOnCallback(
            ExecCallback.class, Response.class, client, System.nanoTime(), "GET", "orders");
  }

  @Test
  void recordsTheResponseStatusOnceWhenTheExchangeCompletes() throws Exception {
    ExecCallback callback = wrapped();

    Object consumer = callback.handleResponse(() -> 404, null);
    callback.completed();
    callback.completed();

    assertThat(consumer).isEqualTo("consumer");
    assertThat(recorder.lines()).containsExactly("GET orders 404 null");
    assertThat(clientCalls).containsExactly("handleResponse 404", "completed", "completed");
  }

  @Test
  void recordsAFailureBeforeAnyResponseAsTheError() throws Exception {
    ExecCallback callback = wrapped();
    ConnectException refused = new ConnectException("refused");

    assertThatThrownBy(() -> callback.failed(refused))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the client's callback failed too");

    assertThat(recorder.lines()).containsExactly("GET orders -1 " + refused);
    assertThat(clientCalls).containsExactly("failed");
  }

  @Test
  void keepsTheStatusWhenTheBodyFailsAfterTheResponse() throws Exception {
    ExecCallback callback = wrapped();

    callback.handleResponse(() -> 200, null);
    assertThatThrownBy(() -> callback.failed(new ConnectException("reset")))
        .isInstanceOf(IllegalStateException.class);

    // An answer arrived: the request is a 200, not an I/O error (as for HttpURLConnection).
    assertThat(recorder.lines()).containsExactly("GET orders 200 null");
  }
}
