package dev.vigil.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExchangeHandlerCompletionTest {

  /** The shape of HttpClient 5's {@code AsyncClientExchangeHandler}. */
  interface ExchangeHandler {
    void produceRequest(Channel channel, Object context);

    void consumeResponse(Response response, Object entity, Object context);

    void failed(Exception cause);

    void releaseResources();
  }

  /** The shape of HttpClient 5's {@code RequestChannel}. */
  interface Channel {
    void sendRequest(Request request, Object entity, Object context);
  }

  /** The shape of HttpClient 5's {@code HttpRequest}. */
  interface Request {
    String getMethod();

    Authority getAuthority();
  }

  /** The shape of HttpCore 5's {@code URIAuthority}. */
  public static final class Authority {
    public String getHostName() {
      return "orders";
    }
  }

  /** The shape of HttpClient 5's {@code HttpResponse}. */
  interface Response {
    int getCode();
  }

  private final RecordedClientRequests recorder = new RecordedClientRequests();
  private final List<String> clientCalls = new ArrayList<>();
  private final List<Request> sent = new ArrayList<>();

  /** The app's handler: sends a POST when asked for its request. */
  private final ExchangeHandler client =
      new ExchangeHandler() {
        @Override
        public void produceRequest(Channel channel, Object context) {
          clientCalls.add("produceRequest");
          channel.sendRequest(
              new Request() {
                @Override
                public String getMethod() {
                  return "POST";
                }

                @Override
                public Authority getAuthority() {
                  return new Authority();
                }
              },
              null,
              context);
        }

        @Override
        public void consumeResponse(Response response, Object entity, Object context) {
          clientCalls.add("consumeResponse " + response.getCode());
        }

        @Override
        public void failed(Exception cause) {
          clientCalls.add("failed");
        }

        @Override
        public void releaseResources() {
          clientCalls.add("releaseResources");
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

  private ExchangeHandler wrapped() throws NoSuchMethodException {
    return (ExchangeHandler)
        HttpClientBridge.recordOnExchangeHandler(
            ExchangeHandler.class,
            Channel.class,
            Request.class,
            Response.class,
            client,
            System.nanoTime());
  }

  /** The client's side: a channel that keeps what the handler sends. */
  private final Channel clientChannel = (request, entity, context) -> sent.add(request);

  @Test
  void recordsMethodHostAndStatusOnceWhenTheExchangeReleasesItsResources() throws Exception {
    ExchangeHandler handler = wrapped();

    handler.produceRequest(clientChannel, null);
    handler.consumeResponse(() -> 404, null, null);
    handler.releaseResources();
    handler.releaseResources();

    assertThat(sent).singleElement().extracting(Request::getMethod).isEqualTo("POST");
    assertThat(recorder.lines()).containsExactly("POST orders 404 null");
    assertThat(clientCalls)
        .containsExactly(
            "produceRequest", "consumeResponse 404", "releaseResources", "releaseResources");
  }

  @Test
  void recordsTheFailureOfAnExchangeWithoutResponse() throws Exception {
    ExchangeHandler handler = wrapped();
    ConnectException refused = new ConnectException("refused");

    handler.produceRequest(clientChannel, null);
    handler.failed(refused);
    handler.releaseResources();

    assertThat(recorder.lines()).containsExactly("POST orders -1 " + refused);
    assertThat(clientCalls).containsExactly("produceRequest", "failed", "releaseResources");
  }

  @Test
  void recordsAnExchangeThatFailsBeforeProducingItsRequestWithoutMethodOrHost() throws Exception {
    ExchangeHandler handler = wrapped();
    ConnectException refused = new ConnectException("refused");

    handler.failed(refused);

    assertThat(recorder.lines()).containsExactly("null null -1 " + refused);
  }

  @Test
  void answersObjectMethodsByTheProxysOwnIdentityWithoutRecording() throws Exception {
    ExchangeHandler handler = wrapped();

    assertThat(handler).isEqualTo(handler).isNotEqualTo(client);
    assertThat(handler.hashCode()).isEqualTo(System.identityHashCode(handler));
    assertThat(handler.toString()).startsWith("vigil-agent request timer around ");
    assertThat(recorder.lines()).isEmpty();
    assertThat(clientCalls).isEmpty();
  }
}
