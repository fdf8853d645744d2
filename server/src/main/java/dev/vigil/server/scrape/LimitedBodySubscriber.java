package dev.vigil.server.scrape;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a JDK-client response body into a byte array, failing with {@link
 * LeanHttpClient.BodyTooLargeException} (and cancelling the download) once it passes the limit, so
 * {@code body_size_limit} holds on both clients.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

  private final long maxBytes;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private byte[] buf = new byte[4096];
  private int size;

  private LimitedBodySubscriber(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** A handler whose bodies may be at most {@code maxBytes} long (as received). */
  static HttpResponse.BodyHandler<byte[]> handler(long maxBytes) {
    return info -> {
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      LimitedBodySubscriber s = new LimitedBodySubscriber(maxBytes);
      if (declared > maxBytes) { // no need to download what will be refused
        s.result.completeExceptionally(new LeanHttpClient.BodyTooLargeException(maxBytes));
      }
      return s;
    };
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (result.isDone()) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      int n = b.remaining();
      if (size + (long) n > maxBytes) {
        subscription.cancel();
        result.completeExceptionally(new LeanHttpClient.BodyTooLargeException(maxBytes));
        return;
      }
      if (size + n > buf.length) {
        buf =
            Arrays.copyOf(
                buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(size + n, 2L * buf.length)));
      }
      b.get(buf, size, n);
      size += n;
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(Arrays.copyOf(buf, size));
  }
}
